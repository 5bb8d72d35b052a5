using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace HeteroOrleans.Tests.BadInput;

/// <summary>
/// <c>hetero</c>, run as a process, refuses bad options, data, configs and gateways with an error line and exit code 2,
/// and a cluster that saw bad input still serves the next job.
/// </summary>
[Collection(ProgramCollection.Name)]
public sealed class ClientProgramTests
{
    // Durations: a negative one is called that, and 0 is refused where it means nothing. Numbers that are not numbers
    // are one line too, never a stack trace.
    public static TheoryData<string, string> BadOptions => new()
    {
        { "--images -5", "--images must be a positive number." },
        { "--timeout -1s", "--timeout -1s is negative; give a duration longer than 0." },
        { "--timeout 0", "--timeout must be longer than 0." },
        { "--scheme Foo", "--scheme 'Foo' is not one of End, EndCloud, EndEdge, Mapping, Adaptive." },
        { "--batch abc", "--batch 'abc' is not a whole number." },
        { "--escalate Uncertain --threshold 0,5", "--threshold '0,5' is not a number (decimals take a point: 0.5)." },
        { "--escalate Uncertain --threshold 1.5", "--threshold is a confidence between 0 and 1." },
        { "--threshold 0.5", "--threshold applies only with --escalate Uncertain (or Budget" },
        { "--budget 20%", "--budget applies only with --escalate Budget." },
        { "--escalate Budget --budget 150%", "--budget 150%: at most 100 %" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_option_is_refused_naming_it(string options, string expected)
    {
        var run = await ProgramRun.RunAsync(ProgramRun.Client, TestPaths.NewTempDirectory(), ProgramRun.Limit, ["submit", .. options.Split(' ')]);

        SiloProgramTests.AssertRefused(run, expected);
        Assert.DoesNotContain("Description:", run.Output);
    }

    // A list of rates is read as a list, not as one number with thousands separators (2000,2500 is not 20,002,500).
    [Theory]
    [InlineData("--rate 2000,abc", "--rate 'abc' is not a number (decimals take a point: 0.5).")]
    [InlineData("--rate 2000,2500000", "--rate 2500000: --rate is a positive number of requests a second, at most 100,000.")]
    [InlineData("--rate 0", "--rate 0: --rate is a positive number of requests a second, at most 100,000.")]
    public async Task A_bad_sweep_value_is_refused_naming_it(string options, string expected)
    {
        var run = await ProgramRun.RunAsync(ProgramRun.Client, TestPaths.NewTempDirectory(), ProgramRun.Limit, ["bench", "serve", .. options.Split(' ')]);

        SiloProgramTests.AssertRefused(run, expected);
    }

    // Operations on silos name the silo, address or file at fault, in one line.
    [Theory]
    [InlineData("silo drain 127.0.0.1:1", "silo 127.0.0.1:1: http://127.0.0.1:1/ does not answer")]
    [InlineData("silo drain nonsense::", "'nonsense::' is not a silo's web address: give host:port or http://host:port")]
    [InlineData("silo drain", "Give the silo's ADDRESS or --config (one of them).")]
    [InlineData("silo drain 127.0.0.1:1 --token-file /no/such/token", "--token-file /no/such/token: no such file")]
    [InlineData("cluster roll /no/such/silo.json --start true", "/no/such/silo.json: invalid silo config")]
    [InlineData("cluster roll /no/such/silo.json", "Option '--start' is required.")]
    public async Task A_bad_silo_operation_is_refused_naming_what_is_wrong(string arguments, string expected)
    {
        var run = await ProgramRun.RunAsync(ProgramRun.Client, TestPaths.NewTempDirectory(), ProgramRun.Limit, arguments.Split(' '));

        SiloProgramTests.AssertRefused(run, expected);
    }

    // A rollout and a comparison name the version, option or share at fault before they reach a cluster.
    [Theory]
    [InlineData("models rollout resnet-10-w16 --tier Edge", "candidate 'resnet-10-w16': name the version to roll out, MODEL@VERSION")]
    [InlineData("models rollout resnet-10-w16@2 --canary abc", "--canary abc: a share, as 10% or 0.1")]
    [InlineData("models rollout resnet-10-w16@2 --canary 150%", "--canary 150%: at most")]
    [InlineData("models rollout resnet-10-w16@2 --canary 0", "canary share 0: more than 0 and at most 1")]
    [InlineData("models rollout resnet-10-w16@2 --canary-images 0", "--canary-images 0: from 1 to 1,000,000")]
    [InlineData("models rollout resnet-10-w16@2 --agreement-margin 100%", "--agreement-margin 100%: at most")]
    [InlineData("models rollout resnet-10-w16@2 --tier Fog", "--tier 'Fog' is not one of End, Edge, Cloud.")]
    [InlineData("models compare resnet-10-w16 resnet-10-w16@9", "no model 'resnet-10-w16@9' (known: mobilenet-v1-0.5, resnet-10-w16, resnet-10-w16@2")]
    [InlineData("models compare resnet-10-w16 resnet-10-w16@2 --images 0", "--images 0: from 1 to 100,000")]
    public async Task A_bad_rollout_or_comparison_is_refused_naming_what_is_wrong(string arguments, string expected)
    {
        var run = await ProgramRun.RunAsync(ProgramRun.Client, TestPaths.NewTempDirectory(), ProgramRun.Limit, arguments.Split(' '));

        SiloProgramTests.AssertRefused(run, expected);
    }

    [Fact]
    public async Task A_roll_stops_at_a_silo_that_is_not_ready_and_says_which()
    {
        var directory = TestPaths.NewTempDirectory();
        var config = Path.Combine(directory, "end.json");
        File.WriteAllText(config, File.ReadAllText(TestPaths.Repository("silo-configs/end.json")).Replace("\"Port\": 8080", "\"Port\": 1", StringComparison.Ordinal));

        var run = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "cluster", "roll", config, "--start", "true");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not ready before its restart (does not answer): the roll stops here", run.Output);
        Assert.False(run.HasStackTrace, run.Output);
    }

    [Fact]
    public async Task Damaged_data_is_refused_naming_the_file_and_the_record()
    {
        var directory = TestPaths.NewTempDirectory();
        var path = Path.Combine(directory, "test.bin");
        SyntheticCifar.Generate(3).WriteBinary(path);
        var bytes = File.ReadAllBytes(path);
        bytes[CifarDataset.RecordBytes + 1] = 150;
        File.WriteAllBytes(path, bytes);

        SiloProgramTests.AssertRefused(await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "demo", "--data", path), "record #1");
        SiloProgramTests.AssertRefused(
            await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "demo", "--data", Path.Combine(directory, "none.bin")), "none.bin");
    }

    [Theory]
    [InlineData("cloud.json", "\"GatewayPort\": 30002", "\"GatewayPort\": 30001", "port 30001 is given to silo 'edge' (Silo:GatewayPort) and silo 'cloud' (Silo:GatewayPort)")]
    // Link:LatencyMs as written, not the emoji that console markup would make of ":Link:".
    [InlineData("edge.json", "\"LatencyMs\": 500", "\"LatencyMs\": -500", "Silo:Devices:0:Link:LatencyMs: '-500' is not a non-negative number")]
    public async Task A_demo_config_mistake_is_refused_before_any_silo_starts(string file, string setting, string mistake, string expected)
    {
        var configs = TestPaths.NewTempDirectory();
        foreach (var name in LocalCluster.DemoConfigFiles)
        {
            var text = File.ReadAllText(TestPaths.Repository(Path.Combine("silo-configs", name)));
            File.WriteAllText(Path.Combine(configs, name), name == file ? text.Replace(setting, mistake, StringComparison.Ordinal) : text);
        }

        var run = await ProgramRun.RunAsync(ProgramRun.Client, configs, ProgramRun.Limit, "demo", "--silo-configs", configs, "--images", "10");

        SiloProgramTests.AssertRefused(run, expected);
    }

    [Fact]
    public async Task A_gateway_whose_host_does_not_resolve_is_named() => SiloProgramTests.AssertRefused(
        await ProgramRun.RunAsync(ProgramRun.Client, TestPaths.NewTempDirectory(), ProgramRun.Limit, "submit", "--gateway", "nohost.invalid:30000"),
        "--gateway 'nohost.invalid:30000': host 'nohost.invalid' does not resolve");

    [Fact]
    public async Task A_gateway_where_nothing_listens_is_named()
    {
        var run = await ProgramRun.RunAsync(ProgramRun.Client, TestPaths.NewTempDirectory(), ProgramRun.Limit, "submit", "--gateway", $"127.0.0.1:{FreePorts.Next()}", "--images", "10");

        SiloProgramTests.AssertRefused(run, "No silo answered at gateway 127.0.0.1:");
    }

    [Fact]
    public async Task A_running_silo_survives_a_second_copy_and_bad_submissions_and_serves_the_next_job()
    {
        var directory = TestPaths.NewTempDirectory();
        var (config, gateway, cluster) = SingleSiloConfig(directory);
        using var silo = ProgramRun.Start(ProgramRun.Silo, directory, ["--config", config], out var siloOutput);
        try
        {
            await Poll.UntilAsync(() => siloOutput.ToString().Contains("is up", StringComparison.Ordinal) || silo.HasExited, "the silo to start",
                TimeSpan.FromSeconds(90));
            Assert.False(silo.HasExited, siloOutput.ToString());
            string[] client = ["submit", "--gateway", $"127.0.0.1:{gateway}", "--cluster-id", cluster, "--service-id", cluster];

            SiloProgramTests.AssertRefused(await ProgramRun.RunAsync(ProgramRun.Silo, directory, ProgramRun.Limit, "--config", config), "is in use");
            SiloProgramTests.AssertRefused(await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. client, "--batch", "0"]), "--batch must be a positive number.");
            SiloProgramTests.AssertRefused(
                await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, "submit", "--gateway", $"127.0.0.1:{gateway}", "--cluster-id", "another", "--images", "10"),
                $"Gateway 127.0.0.1:{gateway} answers, but no silo there took this client");

            // The cloud's model cannot be cut where its manifest says (a tensor it lacks); auto would cut it elsewhere.
            SiloProgramTests.AssertRefused(
                await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. client, "--scheme", "EndCloud", "--split", "manifest", "--images", "10"]),
                "--privacy Off to send raw pixels");

            var job = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, [.. client, "--images", "200"]);

            Assert.True(job.ExitCode == 0, job.Output);
            Assert.Contains("200 of 200 recorded once", job.Output);

            // Ctrl+C: the client stops and says how to carry on or cancel; the job runs on until 'jobs cancel'. Exit code 130.
            Assert.SkipWhen(ProgramRun.InterruptIgnored, "the tests were started with SIGINT ignored (a background job): Ctrl+C cannot reach the programs they start");
            using var cancelled = ProgramRun.Start(ProgramRun.Client, directory, [.. client, "--scheme", "EndCloud", "--privacy", "Off", "--images", "20000"], out var cancelledOutput);
            await Poll.UntilAsync(() => cancelledOutput.ToString().Contains("runs on silo", StringComparison.Ordinal) || cancelled.HasExited, "the job to start");
            ProgramRun.Interrupt(cancelled);
            await cancelled.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(cancelled.ExitCode == 130, $"exit code {cancelled.ExitCode}:\n{cancelledOutput}");
            Assert.Contains("it keeps running on the cluster", cancelledOutput.ToString());
            var jobId = System.Text.RegularExpressions.Regex.Match(cancelledOutput.ToString(), @"hetero jobs cancel (job-[0-9a-z-]+)").Groups[1].Value;
            var cancel = await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, ["jobs", "cancel", jobId, .. client[1..]]);
            Assert.True(cancel.ExitCode == 0, cancel.Output);
            Assert.Contains($"Job {jobId}: cancelled", cancel.Output);
            SiloProgramTests.AssertRefused(
                await ProgramRun.RunAsync(ProgramRun.Client, directory, ProgramRun.Limit, ["jobs", "status", "job-nobody-started", .. client[1..]]), "this cluster has no such job");
            Assert.False(silo.HasExited, siloOutput.ToString());
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
        }
    }

    // One silo of every tier with emulated devices on the tiny models, on free ports, in a cluster of its own.
    private static (string Config, int Gateway, string Cluster) SingleSiloConfig(string directory)
    {
        var models = Path.Combine(directory, "models");
        Directory.CreateDirectory(models);
        var manifest = JsonNode.Parse(File.ReadAllText(TestPaths.Repository(Path.Combine("models", "models.json"))))!;
        manifest["models"]!.AsArray().Single(m => (string?)m!["id"] == "wrn-tiny")!["split"] = "nowhere";
        File.WriteAllText(Path.Combine(models, "models.json"), manifest.ToJsonString());
        var (siloPort, gateway, cluster) = (FreePorts.Next(), FreePorts.Next(), $"bad-input-{Guid.NewGuid():N}");
        var config = Path.Combine(directory, "silo.json");
        File.WriteAllText(config, $$"""
            { "Silo": { "Name": "all", "Tiers": ["End", "Edge", "Cloud"], "ClusterId": "{{cluster}}", "ServiceId": "{{cluster}}",
              "SiloPort": {{siloPort}}, "GatewayPort": {{gateway}}, "Clustering": { "PrimarySiloEndpoint": "127.0.0.1:{{siloPort}}" }, "Dashboard": { "Port": {{FreePorts.Next()}} }, "ModelsDirectory": "{{models}}",
              "Jobs": { "Directory": "{{Path.Combine(directory, "jobs")}}" },
              "Devices": [
                { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 },
                { "Id": "edge-01", "Tier": "Edge", "Model": "resnet-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 },
                { "Id": "cloud-01", "Tier": "Cloud", "Model": "wrn-tiny", "ComputeMode": "Emulated", "MsPerImage": 1 } ] } }
            """);
        return (config, gateway, cluster);
    }
}
