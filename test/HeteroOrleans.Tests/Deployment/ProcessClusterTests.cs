using System.Text.Json;
using System.Text.RegularExpressions;
using HeteroOrleans.Hosting.Jobs;

namespace HeteroOrleans.Tests.Deployment;

/// <summary>
/// Silos as separate processes on Redis clustering, with job state on Redis, as a deployment runs them: a job
/// survives <c>kill -9</c> of an edge silo and then of the end silo that holds it, and a restarted silo serves again.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed partial class ProcessClusterTests
{
    private static readonly TimeSpan DetectionLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_survives_kill_9_of_an_edge_silo_and_of_its_own_end_silo_and_a_restarted_silo_serves_again()
    {
        using var redis = await RedisServer.StartAsync();
        var directory = TestPaths.NewTempDirectory();
        var models = TestPaths.NewModelsDirectory("mobilenet-tiny", "resnet-tiny", "wrn-tiny");
        var cluster = $"processes-{Guid.NewGuid():N}";
        SiloProcess Silo(string name, Tier tier, double msPerImage) =>
            SiloProcess.Start(directory, name, tier, [$"{name}-01", $"{name}-02"], msPerImage, redis.ConnectionString, cluster, models);
        using var endA = Silo("end-a", Tier.End, 20);
        using var endB = Silo("end-b", Tier.End, 20);
        using var edgeA = Silo("edge-a", Tier.Edge, 5);
        using var edgeB = Silo("edge-b", Tier.Edge, 5);
        SiloProcess[] silos = [endA, endB, edgeA, edgeB];
        foreach (var silo in silos)
        {
            await silo.WaitUpAsync();
        }

        string[] Submit(int images, params SiloProcess[] gateways) =>
            ["submit", "--cluster-id", cluster, "--service-id", cluster, "--images", images.ToString(System.Globalization.CultureInfo.InvariantCulture),
             .. gateways.SelectMany(s => new[] { "--gateway", $"127.0.0.1:{s.GatewayPort}" })];
        using var job = ProgramRun.Start(ProgramRun.Client, directory, Submit(3000, silos), out var jobOutput);
        // A busy machine may take a while to plan the job; what the console printed says where it stood.
        await Poll.UntilAsync(() => Task.FromResult(jobOutput.ToString()), output => JobSilo().IsMatch(output) || job.HasExited,
            "the job to start", TimeSpan.FromSeconds(120), seen: output => output);
        var jobPort = int.Parse(JobSilo().Match(jobOutput.ToString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (holder, survivor) = jobPort == endA.SiloPort ? (endA, endB) : (endB, endA);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var killed = DateTime.UtcNow;
        edgeA.Kill();
        await Poll.UntilAsync(() => DevicesAsync(survivor), d => EdgeA(d, "down"),
            "the surviving end silo's device page to show edge-a's devices down", DetectionLimit);
        var detection = DateTime.UtcNow - killed;
        holder.Kill();

        await job.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
        Assert.True(job.ExitCode == 0, jobOutput.ToString());
        Assert.Contains("3,000 of 3,000 recorded once, 0 duplicate(s), 0 missing", jobOutput.ToString());
        Assert.Contains("came back on silo", jobOutput.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine($"edge-a's devices shown down {detection.TotalSeconds:F1} s after kill -9");

        edgeA.Restart();
        await edgeA.WaitUpAsync();
        await Poll.UntilAsync(() => DevicesAsync(survivor), d => EdgeA(d, "up"),
            "the restarted edge-a's devices up", DetectionLimit);
        var next = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, Submit(1000, survivor, edgeA, edgeB));
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains((await DevicesAsync(edgeA)).Where(d => d.Id.StartsWith("edge-a", StringComparison.Ordinal)), d => d.TasksDone > 0);

        // The ended jobs' state stays for the retention, and goes after it (Silo:Jobs:Retention).
        Assert.Equal(0, await JobStateSweeper.SweepRedisAsync(redis.ConnectionString, cluster, TimeSpan.FromHours(1)));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(2, await JobStateSweeper.SweepRedisAsync(redis.ConnectionString, cluster, TimeSpan.Zero));
    }

    // Both of edge-a's devices are listed, with this status.
    private static bool EdgeA(IReadOnlyList<(string Id, string Status, int TasksDone)> devices, string status) =>
        devices.Count(d => d.Id.StartsWith("edge-a", StringComparison.Ordinal) && d.Status == status) == 2;

    // What the silo's device page lists; nothing while the page cannot answer (its silo is busy taking in a death).
    private static async Task<IReadOnlyList<(string Id, string Status, int TasksDone)>> DevicesAsync(SiloProcess silo)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync($"http://127.0.0.1:{silo.DashboardPort}/devices.json");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return state.RootElement.GetProperty("devices").EnumerateArray()
            .Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("status").GetString()!,
                d.GetProperty("tasksDone").ValueKind == JsonValueKind.Number ? d.GetProperty("tasksDone").GetInt32() : 0))
            .ToList();
    }

    [GeneratedRegex(@"runs on silo S127\.0\.0\.1:(\d+):")]
    private static partial Regex JobSilo();
}
