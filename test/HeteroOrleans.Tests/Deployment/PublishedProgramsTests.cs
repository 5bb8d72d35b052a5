namespace HeteroOrleans.Tests.Deployment;

/// <summary>The self-contained silo and console that <c>scripts/publish.sh</c> writes run on their own, as on a target machine.</summary>
[Collection(ProgramCollection.Name)]
public sealed class PublishedProgramsTests
{
    [Fact]
    public async Task The_published_silo_starts_is_ready_and_the_published_console_runs_a_job_on_it()
    {
        var (siloProgram, client) = (ProgramRun.Published(Path.Combine("silo", "HeteroOrleans.Silo")), ProgramRun.Published(Path.Combine("hetero", "hetero")));
        var directory = TestPaths.NewTempDirectory();
        var models = TestPaths.NewModelsDirectory();
        var (siloPort, gateway, dashboard, cluster) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), $"published-{Guid.NewGuid():N}");
        var config = Path.Combine(directory, "silo.json");
        File.WriteAllText(config, $$"""
            { "Silo": { "Name": "published", "Tiers": ["End", "Edge"], "ClusterId": "{{cluster}}", "ServiceId": "{{cluster}}",
              "SiloPort": {{siloPort}}, "GatewayPort": {{gateway}}, "Dashboard": { "Port": {{dashboard}} }, "ModelsDirectory": "{{models}}",
              "Clustering": { "PrimarySiloEndpoint": "127.0.0.1:{{siloPort}}" }, "Jobs": { "Directory": "{{Path.Combine(directory, "jobs")}}" },
              "Devices": [
                { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 },
                { "Id": "edge-01", "Tier": "Edge", "Model": "resnet-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 } ] } }
            """);
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
