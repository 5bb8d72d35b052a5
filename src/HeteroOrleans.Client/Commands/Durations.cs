using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HeteroOrleans.Client.Commands;

/// <summary>Durations on the command line: <c>0.5s</c>, <c>500ms</c>, <c>10min</c>, or a bare number of seconds.</summary>
public static class Durations
{
    /// <summary>An option taking a duration, read as milliseconds.</summary>
    public static Option<double?> MillisecondsOption(string name, string description) => new(name)
    {
        Description = description + " (e.g. 0.5s, 500ms)",
        CustomParser = Parse,
    };

    private static double? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value.Trim().ToLowerInvariant();
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith("min", StringComparison.Ordinal) ? (text[..^3], 60_000.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : (text, 1000.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value * scale;
        }

        result.AddError($"'{text}' is not a duration such as 0.5s, 500ms or 10min.");
        return null;
    }
}
