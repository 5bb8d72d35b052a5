namespace HeteroOrleans.Tests.Deployment;

/// <summary>The self-contained silo and console that <c>scripts/publish.sh</c> writes run on their own, as on a target machine.</summary>
[Collection(ProgramCollection.Name)]
public sealed class PublishedProgramsTests
{
    [Fact]
    public Task The_published_silo_starts_is_ready_and_the_published_console_runs_a_job_on_it() =>
        RunJobOnPublishedSiloAsync(siloPort => $$"""{ "PrimarySiloEndpoint": "127.0.0.1:{{siloPort}}" }""", _ => Task.CompletedTask);

    // The driver of the ADO.NET providers ships in the self-contained silo (its deps.json lists it), and the published
    // console applies the schema it needs.
    [Fact]
    public async Task The_published_silo_runs_on_postgresql_prepared_by_the_published_console()
    {
        using var database = await PostgreSqlServer.StartAsync();
        await RunJobOnPublishedSiloAsync(_ => $$"""{ "Provider": "AdoNet", "ConnectionString": "{{database.ConnectionString}}" }""", async directory =>
        {
            var init = await ProgramRun.RunAsync(Client, directory, ProgramRun.Limit, "db", "init", "--connection", database.ConnectionString);
            Assert.True(init.ExitCode == 0, init.Output);
        });
    }

    private static string Client => ProgramRun.Published(Path.Combine("hetero", "hetero"));

    private static async Task RunJobOnPublishedSiloAsync(Func<int, string> clustering, Func<string, Task> prepare)
    {
        var (siloProgram, client) = (ProgramRun.Published(Path.Combine("silo", "HeteroOrleans.Silo")), Client);
        var directory = TestPaths.NewTempDirectory();
        var models = TestPaths.NewModelsDirectory();
        var (siloPort, gateway, dashboard, cluster) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), $"published-{Guid.NewGuid():N}");
        var config = Path.Combine(directory, "silo.json");
        File.WriteAllText(config, $$"""
            { "Silo": { "Name": "published", "Tiers": ["End", "Edge"], "ClusterId": "{{cluster}}", "ServiceId": "{{cluster}}",
              "SiloPort": {{siloPort}}, "GatewayPort": {{gateway}}, "Dashboard": { "Port": {{dashboard}} }, "ModelsDirectory": "{{models}}",
              "Clustering": {{clustering(siloPort)}}, "Jobs": { "Directory": "{{Path.Combine(directory, "jobs")}}" },
              "Devices": [
                { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 },
                { "Id": "edge-01", "Tier": "Edge", "Model": "resnet-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 } ] } }
            """);
        await prepare(directory);
        using var silo = ProgramRun.Start(siloProgram, directory, ["--config", config], out var output);
        try
        {
            await Poll.UntilAsync(() => output.ToString().Contains("is up", StringComparison.Ordinal) || silo.HasExited, "the published silo to start", TimeSpan.FromSeconds(120));
            Assert.False(silo.HasExited, output.ToString());
            using var http = new HttpClient();
            await Poll.UntilAsync(async () => (await http.GetAsync($"http://127.0.0.1:{dashboard}/health/ready")).IsSuccessStatusCode, "the published silo to be ready");

            var job = await ProgramRun.RunAsync(client, directory, ProgramRun.Limit,
                "submit", "--gateway", $"127.0.0.1:{gateway}", "--cluster-id", cluster, "--service-id", cluster, "--images", "200");

            Assert.True(job.ExitCode == 0, job.Output);
            Assert.Contains("200 of 200 recorded once", job.Output);
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
        }
    }
}
