using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HeteroOrleans.Tests.Deployment;

/// <summary>A client stopped mid-job (SIGTERM, as a service manager stops it) stops itself, not its job.</summary>
[Collection(ProgramCollection.Name)]
public sealed partial class ClientStopTests
{
    [Fact]
    public async Task SIGTERM_of_a_client_mid_job_leaves_the_job_running_and_a_resume_ends_with_every_image_once()
    {
        using var redis = await RedisServer.StartAsync();
        var directory = TestPaths.NewTempDirectory();
        var models = TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny", "wrn-tiny");
        var cluster = $"client-stop-{Guid.NewGuid():N}";
        using var end = SiloProcess.Start(directory, "end", Tier.End, ["end-01", "end-02"], 10, redis.ConnectionString, cluster, models);
        using var edge = SiloProcess.Start(directory, "edge", Tier.Edge, ["edge-01", "edge-02"], 5, redis.ConnectionString, cluster, models);
        await end.WaitUpAsync();
        await edge.WaitUpAsync();
        string[] submit = ["submit", "--cluster-id", cluster, "--service-id", cluster, "--images", "2000", "--gateway", $"127.0.0.1:{end.GatewayPort}"];

        using var client = ProgramRun.Start(ProgramRun.Client, directory, submit, out var output);
        await Poll.UntilAsync(() => Task.FromResult(output.ToString()), text => text.Contains("runs on silo", StringComparison.Ordinal) || client.HasExited,
            "the job to start", TimeSpan.FromSeconds(120), seen: text => text);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        using (var kill = Process.Start("kill", ["-TERM", client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, kill.ExitCode);
        }

        await client.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var said = output.ToString();
        Assert.True(client.ExitCode == 143, said);
        Assert.Contains("it keeps running on the cluster", said);
        var jobId = JobId().Match(said).Groups[1].Value;
        Assert.Contains($"--resume {jobId}", said);
        Assert.Contains($"hetero jobs cancel {jobId}", said);

        var resumed = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. submit, "--resume", jobId]);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("2,000 of 2,000 recorded once, 0 duplicate(s), 0 missing", resumed.Output);
    }

    [GeneratedRegex(@"Job (job-[0-9a-z-]+)")]
    private static partial Regex JobId();
}
