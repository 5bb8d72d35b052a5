using System.Text.RegularExpressions;
using HeteroOrleans.Hosting.Jobs;

namespace HeteroOrleans.Tests.Deployment;

/// <summary>
/// Silos as separate processes on a real PostgreSQL (<c>Silo:Clustering:Provider AdoNet</c>), membership and jobs in
/// it, as a deployment runs them: a database without the schema is named in one line and the command that applies it;
/// <c>hetero db init</c> applies it; a job survives <c>kill -9</c> of an edge silo with every image once.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed partial class PostgreSqlClusterTests
{
    [Fact]
    public async Task Silos_start_on_a_database_hetero_db_init_prepared_and_a_job_survives_kill_9_of_an_edge_silo()
    {
        using var database = await PostgreSqlServer.StartAsync();
        var directory = TestPaths.NewTempDirectory();
        var models = TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny");
        var cluster = $"postgres-{Guid.NewGuid():N}";
        SiloProcess Silo(string name, Tier tier, double msPerImage) =>
            SiloProcess.Start(directory, name, tier, [$"{name}-01", $"{name}-02"], msPerImage, database.ConnectionString, cluster, models, "AdoNet");

        // Without the schema the silo stops at once, naming the database and the command, not with a stack trace.
        using (var early = Silo("end-a", Tier.End, 20))
        {
            await Poll.UntilAsync(() => early.HasExited, "a silo on a database without the schema to stop", ProgramRun.Limit);
            Assert.Equal(2, early.ExitCode);
            Assert.Contains($"has no HeteroOrleans schema: apply it with 'hetero db init --connection \"{database.ConnectionString}\"'", early.Output);
            Assert.DoesNotContain("   at ", early.Output);
        }

        var init = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "db", "init", "--connection", database.ConnectionString);
        Assert.True(init.ExitCode == 0, init.Output);
        Assert.Contains("it had no schema", init.Output);
        var again = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "db", "init", "--connection", database.ConnectionString);
        Assert.True(again.ExitCode == 0 && again.Output.Contains("it had every statement", StringComparison.Ordinal), again.Output);

        using var end = Silo("end-a", Tier.End, 20);
        using var edgeA = Silo("edge-a", Tier.Edge, 5);
        using var edgeB = Silo("edge-b", Tier.Edge, 5);
        SiloProcess[] silos = [end, edgeA, edgeB];
        foreach (var silo in silos)
        {
            await silo.WaitUpAsync();
        }

        using var job = ProgramRun.Start(ProgramRun.Client, directory,
            ["submit", "--cluster-id", cluster, "--service-id", cluster, "--images", "2000", "--scheme", "EndEdge",
             .. silos.SelectMany(s => new[] { "--gateway", $"127.0.0.1:{s.GatewayPort}" })], out var jobOutput);
        await Poll.UntilAsync(() => Task.FromResult(jobOutput.ToString()), output => JobStarted().IsMatch(output) || job.HasExited,
            "the job to start", TimeSpan.FromSeconds(120), seen: output => output);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        edgeA.Kill();

        await job.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
        Assert.True(job.ExitCode == 0, jobOutput.ToString());
        Assert.Contains("2,000 of 2,000 recorded once, 0 duplicate(s), 0 missing", jobOutput.ToString());

        // The ended job's state stays for the retention, and goes after it (Silo:Jobs:Retention).
        Assert.Equal(0, await JobStateSweeper.SweepPostgreSqlAsync(database.ConnectionString, cluster, TimeSpan.FromHours(1), TestContext.Current.CancellationToken));
        Assert.Equal(1, await JobStateSweeper.SweepPostgreSqlAsync(database.ConnectionString, cluster, TimeSpan.Zero, TestContext.Current.CancellationToken));
    }

    [GeneratedRegex(@"runs on silo S127\.0\.0\.1:(\d+):")]
    private static partial Regex JobStarted();
}
