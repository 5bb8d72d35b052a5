using System.Net;
using System.Net.Sockets;
using Onnx;

namespace HeteroOrleans.Tests.BadInput;

/// <summary>The silo program, run as a process, refuses bad configs and models with one line per problem and exit code 2.</summary>
[Collection(ProgramCollection.Name)]
public sealed class SiloProgramTests
{
    [Fact]
    public async Task Without_a_config_it_says_how_to_run_it()
    {
        var run = await ProgramRun.RunAsync(ProgramRun.Silo, TestPaths.NewTempDirectory(), ProgramRun.Limit);

        AssertRefused(run, "--config");
        Assert.Contains("usage: HeteroOrleans.Silo --config", run.Output);
    }

    [Theory]
    [InlineData("\"SiloPort\": \"eleven\"", "Silo:SiloPort: 'eleven' is not a whole number")]
    [InlineData("\"GatewayPrt\": 30000", "Silo:GatewayPrt: unknown setting (did you mean GatewayPort?)")]
    [InlineData("\"Devices\": [ { \"Id\": \"end-01\", \"Tier\": \"End\", \"Model\": \"resnet-tiny\" } ]", "Silo:Devices:0:Model: 'resnet-tiny' predicts Fine labels; an End device needs Coarse")]
    [InlineData("\"Devices\": [ { \"Id\": \"end-01\", \"Tier\": \"End\", \"Model\": \"nope\" } ]", "Silo:Devices:0:Model: no model 'nope'")]
    [InlineData("\"Devices\": [ { \"Id\": \"end-01\", \"Tier\": \"End\", \"Model\": \"resnet-tiny@2\" } ]", "Silo:Devices:0:Model: 'resnet-tiny@2' names a version")]
    [InlineData("\"Tracing\": { \"SampleRate\": 2 }", "Silo:Tracing:SampleRate: '2' is not a share from 0 to 1")]
    public async Task A_bad_config_is_refused_naming_the_key(string setting, string expected)
    {
        var (directory, config) = Config(setting);

        var run = await ProgramRun.RunAsync(ProgramRun.Silo, directory, ProgramRun.Limit, "--config", config);

        AssertRefused(run, expected);
        Assert.Contains(config, run.Output);
    }

    [Theory]
    [InlineData("-Silo:SiloPort=12000", "argument '-Silo:SiloPort=12000': overrides are written --Silo:Key=value")]
    [InlineData("--Silo:SiloPort", "argument '--Silo:SiloPort': no value given")]
    [InlineData("--Silo:SiloPort=abc", "Silo:SiloPort: 'abc' is not a whole number")]
    public async Task A_bad_override_is_refused_naming_it(string argument, string expected)
    {
        var (directory, config) = Config(string.Empty);

        AssertRefused(await ProgramRun.RunAsync(ProgramRun.Silo, directory, ProgramRun.Limit, "--config", config, argument), expected);
    }

    [Theory]
    [InlineData("corrupt")]
    [InlineData("37 classes")]
    [InlineData("another input")]
    public async Task A_model_that_cannot_run_is_refused_before_the_silo_joins(string damage)
    {
        var (directory, config) = Config("\"Devices\": [ { \"Id\": \"end-01\", \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" } ]");
        var file = Path.Combine(directory, "models", "mobilenet-tiny.onnx");
        switch (damage)
        {
            case "corrupt":
                File.WriteAllText(file, "not a model");
                break;
            case "37 classes":
                ModelArchitectures.Build("odd", new ModelRecipe("resnet", 10, 4, 1), 37).WriteToFile(file);
                break;
            default:
                // The manifest names an input the graph does not have.
                var manifest = Path.Combine(directory, "models", "models.json");
                var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!;
                json["models"]!.AsArray().Single(m => (string?)m!["id"] == "mobilenet-tiny")!["input"] = "pixels";
                File.WriteAllText(manifest, json.ToJsonString());
                break;
        }

        var run = await ProgramRun.RunAsync(ProgramRun.Silo, directory, ProgramRun.Limit, "--config", config);

        AssertRefused(run, "Silo:Devices:0:Model: ");
        Assert.Contains("mobilenet-tiny.onnx", run.Output);
    }

    [Fact]
    public async Task A_port_in_use_is_refused_naming_port_and_key()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (directory, config) = Config($"\"SiloPort\": {port}");

        AssertRefused(await ProgramRun.RunAsync(ProgramRun.Silo, directory, ProgramRun.Limit, "--config", config), $"Silo:SiloPort: port {port} on 127.0.0.1 is in use");
    }

    /// <summary>Exit code 2, the expected line, no stack trace.</summary>
    internal static void AssertRefused(ProgramRun run, string expected)
    {
        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}, not 2:\n{run.Output}");
        Assert.Contains(expected, run.Output);
        Assert.False(run.HasStackTrace, $"a stack trace:\n{run.Output}");
    }

    // A config in a folder of its own, with a models folder holding the manifest (models are built there on first use).
    private static (string Directory, string Config) Config(string setting)
    {
        var directory = TestPaths.NewTempDirectory();
        var models = Path.Combine(directory, "models");
        Directory.CreateDirectory(models);
        File.Copy(TestPaths.Repository(Path.Combine("models", "models.json")), Path.Combine(models, "models.json"));
        var config = Path.Combine(directory, "silo.json");
        var ports = setting.Contains("\"SiloPort\"", StringComparison.Ordinal) ? "" : $"\"SiloPort\": {FreePorts.Next()}, ";
        File.WriteAllText(config, $$"""
            { "Silo": { "Tiers": ["End"], "ModelsDirectory": "{{models}}", {{ports}}"GatewayPort": {{FreePorts.Next()}},
              "Dashboard": { "Port": 0 }{{(setting.Length > 0 ? ", " + setting : "")}} } }
            """);
        return (directory, config);
    }
}
