using HeteroOrleans.Tests.Deployment;
using static HeteroOrleans.Tests.StoreOutages.OutageJobs;

namespace HeteroOrleans.Tests.StoreOutages;

/// <summary>
/// Silo processes on PostgreSQL (membership and jobs in it): the database is killed mid-job and started again on its
/// data. The silos say they are degraded while it is away; the job completes; the cluster can grow after.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed class PostgreSqlRestartTests
{
    [Fact]
    public async Task A_job_completes_with_every_image_once_when_its_database_is_killed_and_restarted()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var database = await PostgreSqlServer.StartAsync();
        var (directory, cluster, models) = (TestPaths.NewTempDirectory(), $"postgres-{Guid.NewGuid():N}", TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny"));
        var init = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "db", "init", "--connection", database.ConnectionString);
        Assert.True(init.ExitCode == 0, init.Output);
        SiloProcess Silo(string name, Tier tier, double msPerImage) =>
            SiloProcess.Start(directory, name, tier, [$"{name}-01", $"{name}-02"], msPerImage, database.ConnectionString, cluster, models, "AdoNet");
        using var end = Silo("end-a", Tier.End, 20);
        using var edge = Silo("edge-a", Tier.Edge, 5);
        await end.WaitUpAsync();
        await edge.WaitUpAsync();

        using var job = ProgramRun.Start(ProgramRun.Client, directory, [.. Submit(cluster, 3000, end, edge), "--scheme", "EndEdge"], out var output);
        await WaitStartedAsync(job, output);
        await Task.Delay(TimeSpan.FromSeconds(2), cancel);

        database.Kill();
        await WaitDegradedAsync(end);
        await Task.Delay(Outage, cancel);
        await database.RestartAsync();

        await job.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(4), cancel);
        Assert.True(job.ExitCode == 0, output.ToString());
        Assert.Contains("3,000 of 3,000 recorded once, 0 duplicate(s), 0 missing", output.ToString());

        using var late = Silo("edge-b", Tier.Edge, 5);
        await late.WaitUpAsync();
        var next = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. Submit(cluster, 1000, late), "--scheme", "EndEdge"]);
        Assert.True(next.ExitCode == 0, next.Output);
    }
}
