using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace HeteroOrleans.Benchmarks.Measuring;

/// <summary>
/// Where a bench's numbers come from, written into every result file: the commit the program was built from (and
/// whether the source it ran from had uncommitted changes), the command, the date, the cores and how busy the machine
/// was when the bench started. A table without these cannot be checked against the code it claims to measure.
/// </summary>
public sealed class BenchStamp
{
    private BenchStamp()
    {
    }

    /// <summary>The commit the bench was built from, short, with "+ uncommitted changes" when its source had them; "unknown" outside a git build.</summary>
    public required string Commit { get; init; }

    /// <summary>The command line, as typed after the program's name.</summary>
    public required string Command { get; init; }

    /// <summary>When the bench started.</summary>
    public required DateTime StartedUtc { get; init; }

    /// <summary>The one-minute load average when the bench started; null where the system does not say.</summary>
    public double? LoadAverage { get; init; }

    /// <summary>Takes the stamp of a bench starting now, run as <paramref name="arguments"/> of the <c>hetero</c> program.</summary>
    public static BenchStamp Now(IEnumerable<string> arguments) =>
        new()
        {
            Commit = CommitOfThisBuild(),
            Command = "hetero " + string.Join(' ', arguments.Select(Quote)),
            StartedUtc = DateTime.UtcNow,
            LoadAverage = ReadLoadAverage(),
        };

    /// <summary>The stamp as a Markdown paragraph.</summary>
    public string ToMarkdown()
    {
        var load = LoadAverage is { } value ? $", load average {value.ToString("F2", CultureInfo.InvariantCulture)} at the start" : string.Empty;
        return $"Measured on commit `{Commit}` on {StartedUtc:yyyy-MM-dd} with `{Command}`; {Environment.ProcessorCount} cores{load}.";
    }

    // The SDK writes the commit into the informational version ("1.0.0+<sha>") when it builds from a git checkout.
    private static string CommitOfThisBuild()
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(BenchStamp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+') ?? -1;
        if (version is null || plus < 0 || version.Length - plus - 1 < 7)
        {
            return "unknown";
        }

        var sha = version[(plus + 1)..];
        return sha[..7] + (HasUncommittedSource(sha) ? " + uncommitted changes" : string.Empty);
    }

    // Run from the checkout it was built from, git tells whether the source differed from the commit.
    private static bool HasUncommittedSource(string sha)
    {
        var head = Git("rev-parse HEAD");
        return head is not null && head.Trim() == sha && !string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no -- src"));
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd();
            return git.WaitForExit(5000) && git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static double? ReadLoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;
}
