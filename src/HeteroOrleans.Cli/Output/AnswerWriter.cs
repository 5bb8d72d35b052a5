using System.Globalization;
using System.Text.Json;

namespace HeteroOrleans.Cli.Output;

/// <summary>Prints a job's answers as they come (<c>--follow</c>) and writes them as JSON lines (<c>--out</c>).</summary>
public sealed class AnswerWriter : IAsyncDisposable
{
    private readonly IAnsiConsole _console;
    private readonly bool _print;
    private readonly StreamWriter? _lines;

    private AnswerWriter(IAnsiConsole console, bool print, StreamWriter? lines) => (_console, _print, _lines) = (console, print, lines);

    /// <summary>Opens the JSON-lines file, if any, for writing.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static AnswerWriter Open(IAnsiConsole console, bool print, string? jsonLinesPath)
    {
        StreamWriter? lines = null;
        if (jsonLinesPath is not null)
        {
            try
            {
                lines = new StreamWriter(jsonLinesPath, append: false) { AutoFlush = true };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                throw new IOException($"--out {jsonLinesPath}: cannot write there ({e.Message}).", e);
            }
        }

        return new AnswerWriter(console, print, lines);
    }

    /// <summary>Prints and writes one answer.</summary>
    public async Task WriteAsync(ImageAnswer answer)
    {
        var coarse = answer.Stage == AnswerStage.Coarse;
        var names = coarse ? CifarLabels.Coarse : CifarLabels.Fine;
        var name = answer.Label >= 0 && answer.Label < names.Count ? names[answer.Label] : answer.Label.ToString(CultureInfo.InvariantCulture);
        if (_print)
        {
            var confidence = float.IsNaN(answer.Confidence) ? "" : $" ({answer.Confidence.ToString("P0", CultureInfo.InvariantCulture)})";
            var after = double.IsNaN(answer.LatencyMs) ? "read back from the job" : $"after {(answer.LatencyMs / 1000).ToString("F2", CultureInfo.InvariantCulture)} s";
            _console.MarkupLine(Markup.Escape($"image {answer.ImageId,6}  {(coarse ? "coarse" : "fine  ")}  {name}{confidence}  by {answer.DeviceId}{(answer.Model is { } model ? $" ({model})" : "")}, {after}"));
        }

        if (_lines is not null)
        {
            await _lines.WriteLineAsync(JsonSerializer.Serialize(new
            {
                image = answer.ImageId,
                stage = coarse ? "coarse" : "fine",
                label = answer.Label,
                name,
                confidence = float.IsNaN(answer.Confidence) ? (double?)null : Math.Round(answer.Confidence, 4),
                device = answer.DeviceId,
                model = answer.Model,
                latencyMs = double.IsNaN(answer.LatencyMs) ? (double?)null : Math.Round(answer.LatencyMs, 1),
            }));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_lines is not null)
        {
            await _lines.DisposeAsync();
        }
    }
}
