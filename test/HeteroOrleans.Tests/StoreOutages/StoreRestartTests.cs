using HeteroOrleans.Tests.Deployment;
using static HeteroOrleans.Tests.StoreOutages.OutageJobs;

namespace HeteroOrleans.Tests.StoreOutages;

/// <summary>
/// Silo processes on a Redis that keeps nothing on disk, as a development or cache-configured Redis runs: the store is
/// killed mid-job and started again empty. The running job, which its silo holds whole in memory, completes; the silos
/// say they are degraded while the store is away, and write the lost membership table again so the cluster can change.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed class StoreRestartTests
{
    [Fact]
    public async Task A_job_completes_with_every_image_once_when_its_store_is_killed_and_restarted_empty_and_the_cluster_can_grow_after()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var redis = await RedisServer.StartAsync();
        var (directory, cluster, models) = (TestPaths.NewTempDirectory(), $"store-{Guid.NewGuid():N}", TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny", "wrn-tiny"));
        SiloProcess Silo(string name, Tier tier, double msPerImage) =>
            SiloProcess.Start(directory, name, tier, [$"{name}-01", $"{name}-02"], msPerImage, redis.ConnectionString, cluster, models);
        using var end = Silo("end-a", Tier.End, 20);
        using var edge = Silo("edge-a", Tier.Edge, 5);
        await end.WaitUpAsync();
        await edge.WaitUpAsync();

        using var job = ProgramRun.Start(ProgramRun.Client, directory, Submit(cluster, 3000, end, edge), out var output);
        await WaitStartedAsync(job, output);
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);

        redis.Kill();
        await WaitDegradedAsync(end);
        await Task.Delay(Outage, cancel);
        await redis.RestartEmptyAsync();

        await job.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(4), cancel);
        Assert.True(job.ExitCode == 0, output.ToString());
        Assert.Contains("3,000 of 3,000 recorded once, 0 duplicate(s), 0 missing", output.ToString());
        Assert.Contains("written again", end.Output + edge.Output);
        await Poll.UntilAsync(() => ReadyAsync(end), r => r.Contains("Healthy", StringComparison.Ordinal), "the end silo to be ready again", TimeSpan.FromSeconds(30), seen: r => r);

        // The membership table was written again: a silo started now joins, and the next job runs on it too.
        using var late = Silo("edge-b", Tier.Edge, 5);
        await late.WaitUpAsync();
        var next = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. Submit(cluster, 1000, late), "--scheme", "EndEdge"]);
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains("1,000 of 1,000 recorded once", next.Output);
    }

    [Fact]
    public async Task A_job_lost_with_its_silo_while_its_store_was_empty_is_started_again_by_its_client_and_completes()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var redis = await RedisServer.StartAsync();
        var (directory, cluster, models) = (TestPaths.NewTempDirectory(), $"store-{Guid.NewGuid():N}", TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny", "wrn-tiny"));
        SiloProcess Silo(string name, Tier tier, double msPerImage) =>
            SiloProcess.Start(directory, name, tier, [$"{name}-01", $"{name}-02"], msPerImage, redis.ConnectionString, cluster, models);
        using var endA = Silo("end-a", Tier.End, 20);
        using var endB = Silo("end-b", Tier.End, 20);
        using var edge = Silo("edge-a", Tier.Edge, 5);
        foreach (var silo in new[] { endA, endB, edge })
        {
            await silo.WaitUpAsync();
        }

        using var job = ProgramRun.Start(ProgramRun.Client, directory, Submit(cluster, 2000, endA, endB, edge), out var output);
        var holder = await WaitStartedAsync(job, output) == endA.SiloPort ? endA : endB;
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);

        // The store goes, and with it every record; then the silo that held the job whole goes too.
        redis.Kill();
        holder.Kill();
        await Task.Delay(Outage, cancel);
        await redis.RestartEmptyAsync();

        await job.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(4), cancel);
        Assert.True(job.ExitCode == 0, output.ToString());
        Assert.Contains("starting it again from its first image", output.ToString());
        Assert.Contains("2,000 of 2,000 recorded once, 0 duplicate(s), 0 missing", output.ToString());
    }
}
