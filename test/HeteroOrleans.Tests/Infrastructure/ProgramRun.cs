using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// Runs one of the system's programs (the silo, or <c>hetero</c>) as a user does: a separate process, its output
/// captured. The programs are found where the solution build left them, beside the tests' own configuration.
/// </summary>
internal sealed partial class ProgramRun
{
    private ProgramRun(int exitCode, string output)
    {
        ExitCode = exitCode;
        Output = output;
    }

    /// <summary>How long a program that should refuse its input, or run a small job, may take.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Standard output and error, interleaved as they came.</summary>
    public string Output { get; }

    /// <summary>Whether the output holds a .NET stack trace.</summary>
    public bool HasStackTrace => StackFrame().IsMatch(Output);

    /// <summary>The built silo program.</summary>
    public static string Silo => Built("HeteroOrleans.Silo", "HeteroOrleans.Silo.dll");

    /// <summary>The built <c>hetero</c> console.</summary>
    public static string Client => Built("HeteroOrleans.Cli", "hetero.dll");

    /// <summary>A program of the folder <c>scripts/publish.sh</c> writes (<c>publish/silo/HeteroOrleans.Silo</c>, say).</summary>
    public static string Published(string relative)
    {
        var path = Path.Combine(Path.GetDirectoryName(TestPaths.Repository("HeteroOrleans.sln"))!, "publish", relative);
        Assert.SkipUnless(File.Exists(path), $"{path} is not published: run scripts/publish.sh (.ci/run does)");
        return path;
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="directory"/>, killed after <paramref name="timeout"/>.</summary>
    public static async Task<ProgramRun> RunAsync(string program, string directory, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(program, directory, arguments, out var output);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds:0} s:\n{output}");
        }

        process.WaitForExit();
        return new ProgramRun(process.ExitCode, output.ToString());
    }

    /// <summary>Starts <paramref name="program"/> and leaves it running; <paramref name="output"/> fills as it writes.</summary>
    public static Process Start(string program, string directory, string[] arguments, out ProcessOutput output)
    {
        // A built program is a .dll the dotnet host runs; a published one is an executable of its own.
        var dll = program.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (dll)
        {
            info.ArgumentList.Add(program);
        }

        arguments.ToList().ForEach(info.ArgumentList.Add);
        var process = Process.Start(info)!;
        var text = new ProcessOutput();
        process.OutputDataReceived += (_, e) => text.Add(e.Data);
        process.ErrorDataReceived += (_, e) => text.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = text;
        return process;
    }

    /// <summary>
    /// True when this test process was started with SIGINT ignored (as a shell starts a background job): the programs
    /// it starts may inherit that, and then Ctrl+C cannot reach them, whatever they do.
    /// </summary>
    public static bool InterruptIgnored { get; } = File.Exists("/proc/self/status") && File.ReadLines("/proc/self/status")
        .FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } ignored
        && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << (2 - 1))) != 0;

    /// <summary>Sends <paramref name="process"/> Ctrl+C (SIGINT), as a user at its terminal would.</summary>
    public static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    // bin/<configuration>/<framework>/<runtime> of the tests, applied to the program's project.
    private static string Built(string project, string file)
    {
        var build = Path.GetRelativePath(Path.GetDirectoryName(TestPaths.Repository("HeteroOrleans.sln"))!, AppContext.BaseDirectory)
            .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).SkipWhile(part => part != "bin");
        var path = Path.Combine([Path.GetDirectoryName(TestPaths.Repository("HeteroOrleans.sln"))!, "src", project, .. build, file]);
        Assert.SkipUnless(File.Exists(path), $"{path} is not built: build the solution (dotnet build) before these tests");
        return path;
    }

    [GeneratedRegex(@"^\s+at \S+.*\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
