using HeteroOrleans.Tests.Deployment;
using static HeteroOrleans.Tests.StoreOutages.OutageJobs;

namespace HeteroOrleans.Tests.StoreOutages;

/// <summary>
/// Silo processes whose connection string names a Redis Sentinel set rather than a server: the master is killed
/// mid-job, the Sentinel promotes its replica, and the silos and the job carry on on the new master.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed class SentinelFailoverTests
{
    private const string Service = "hetero";

    [Fact]
    public async Task A_job_completes_with_every_image_once_when_the_sentinel_fails_the_master_over_to_its_replica()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var master = await RedisServer.StartAsync();
        using var replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", master.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var sentinel = await RedisServer.StartSentinelAsync(Service, master.Port);
        await ChaosStore.SentinelKnowsReplicaAsync(sentinel.Port, Service);
        var store = $"127.0.0.1:{sentinel.Port},serviceName={Service}";
        var (directory, cluster, models) = (TestPaths.NewTempDirectory(), $"sentinel-{Guid.NewGuid():N}", TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny", "wrn-tiny"));
        SiloProcess Silo(string name, Tier tier, double msPerImage) =>
            SiloProcess.Start(directory, name, tier, [$"{name}-01", $"{name}-02"], msPerImage, store, cluster, models);
        using var end = Silo("end-a", Tier.End, 20);
        using var edge = Silo("edge-a", Tier.Edge, 5);
        await end.WaitUpAsync();
        await edge.WaitUpAsync();

        using var job = ProgramRun.Start(ProgramRun.Client, directory, Submit(cluster, 3000, end, edge), out var output);
        await WaitStartedAsync(job, output);
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);

        master.Kill();
        await job.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(4), cancel);
        Assert.True(job.ExitCode == 0, output.ToString());
        Assert.Contains("3,000 of 3,000 recorded once, 0 duplicate(s), 0 missing", output.ToString());

        // The replica is the master now: a silo started after the failover joins through the Sentinel and serves.
        using var late = Silo("edge-b", Tier.Edge, 5);
        await late.WaitUpAsync();
        var next = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. Submit(cluster, 1000, late), "--scheme", "EndEdge"]);
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains("1,000 of 1,000 recorded once", next.Output);
    }
}
