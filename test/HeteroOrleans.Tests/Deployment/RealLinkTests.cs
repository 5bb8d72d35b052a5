using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HeteroOrleans.Tests.Deployment;

/// <summary>
/// The cut follows a real link: <c>scripts/adapt-in-namespaces.sh</c> runs an End-Cloud job's silos in network
/// namespaces with the cloud's link shaped by <c>tc</c> and stepped 50 → 5 → 50 Mbit/s while it runs, the silos
/// emulating no bandwidth. Needs root; skipped, with the script's reason, where namespaces or <c>tc</c> are not to be had.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed partial class RealLinkTests
{
    private const int Images = 1_500;
    private const int PhaseSeconds = 8;

    [Fact]
    public async Task A_job_moves_its_cut_when_tc_steps_its_real_cloud_link_down_and_again_when_it_steps_up()
    {
        var script = TestPaths.Repository(Path.Combine("scripts", "adapt-in-namespaces.sh"));
        var info = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        foreach (var argument in new[] { $"{Images}", $"{PhaseSeconds}", "recut" })
        {
            info.ArgumentList.Add(argument);
        }

        // The builds this test run has, rather than a Release build of its own.
        info.Environment["HETERO_SILO_DLL"] = ProgramRun.Silo;
        info.Environment["HETERO_CLIENT_DLL"] = ProgramRun.Client;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        var (said, complaints) = (await output, await errors);
        Assert.SkipWhen(process.ExitCode == 77, complaints.Trim());

        Assert.True(process.ExitCode == 0, $"{said}\n{complaints}");
        Assert.Contains($"{Images:N0} of {Images:N0} recorded once, 0 duplicate(s), 0 missing", said, StringComparison.Ordinal);
        var steps = StepLine().Matches(said).ToDictionary(m => int.Parse(m.Groups["step"].Value, CultureInfo.InvariantCulture), m => m);
        Assert.True(steps.Count == 2, said);

        // The first step is followed once one transfer has crossed the slow link (a task's features at 5 Mbit/s take
        // seconds), within the phase; the second, by a move back to a cut that sends more.
        Assert.True(steps[1].Groups["after"].Success && double.Parse(steps[1].Groups["after"].Value, CultureInfo.InvariantCulture) <= PhaseSeconds, said);
        Assert.True(steps[2].Groups["after"].Success, said);
        Assert.NotEqual(steps[1].Groups["to"].Value, steps[2].Groups["to"].Value);
    }

    [GeneratedRegex(@"recut step (?<step>\d) \([0-9]+ -> [0-9]+ Mbit/s\): (cut moved after (?<after>[0-9.]+) s \('(?<from>[^']*)' -> '(?<to>[^']*)'\)|cut did not move)")]
    private static partial Regex StepLine();
}
