using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Tests.Configuration;

/// <summary>
/// What a silo checks as it starts, beyond its config's meaning: ports free, silos of one cluster apart, each model
/// known, of the right label set and able to run, the jobs folder a folder.
/// </summary>
public sealed class SiloStartupCheckTests
{
    [Fact]
    public void A_port_in_use_is_named_with_its_key_before_the_silo_joins()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var path = SiloConfigFiles.Write($$"""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "GatewayPort": {{port}}, "Dashboard": { "Port": 0 } } }""");

        var error = Assert.Throws<SiloConfigException>(() => SiloPortCheck.Check(SiloConfigLoader.LoadFile(path), path));

        Assert.Equal($"Silo:GatewayPort: port {port} on 127.0.0.1 is in use (by another silo, a copy of this one, or another program)", Assert.Single(error.Errors));
    }

    [Fact]
    public void Silos_of_one_cluster_may_not_share_a_port_or_a_device()
    {
        var silos = new[] { "end", "edge" }.Select(name => SiloConfigLoader.LoadFile(SiloConfigFiles.Write($$"""
            { "Silo": { "Name": "{{name}}", "Tiers": ["End"], "ModelsDirectory": "MODELS", "GatewayPort": 30000,
              "SiloPort": {{(name == "end" ? 11111 : 11112)}}, "Dashboard": { "Port": 0 },
              "Devices": [ { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny" } ] } }
            """))).ToList();

        var error = Assert.Throws<SiloConfigException>(() => ClusterLayoutCheck.Check(silos, "the demo configs"));

        Assert.Contains("port 30000 is given to silo 'end' (Silo:GatewayPort) and silo 'edge' (Silo:GatewayPort)", error.Errors);
        Assert.Contains("device 'end-01' is declared by silo 'end' and silo 'edge'; a device runs on one silo", error.Errors);
    }

    [Fact]
    public void A_device_given_a_model_of_the_other_label_set_is_refused()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End", "Edge"], "ModelsDirectory": "MODELS", "Devices": [
                { "Id": "end-01", "Tier": "End", "Model": "resnet-tiny" },
                { "Id": "edge-01", "Tier": "Edge", "Model": "mobilenet-tiny" } ] } }
            """);

        var settings = SiloConfigLoader.LoadFile(path);

        var error = Assert.Throws<SiloConfigException>(() => SiloModelCheck.Check(settings, path));

        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:0:Model: 'resnet-tiny' predicts Fine labels; an End device needs Coarse", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:1:Model: 'mobilenet-tiny' predicts Coarse labels; an Edge device needs Fine", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_the_manifest_does_not_name_is_refused_before_the_silo_starts()
    {
        var path = SiloConfigFiles.Write("""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Devices": [ { "Id": "end-01", "Tier": "End", "Model": "resnet-9000" } ] } }""");
        var settings = SiloConfigLoader.LoadFile(path);

        var error = Assert.Throws<SiloConfigException>(() => SiloModelCheck.Check(settings, path));

        Assert.StartsWith("Silo:Devices:0:Model: no model 'resnet-9000'", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_jobs_folder_that_is_a_file_is_refused_before_the_silo_starts()
    {
        var file = Path.Combine(TestPaths.NewTempDirectory(), "jobs");
        File.WriteAllText(file, "not a folder");
        var path = SiloConfigFiles.Write($$"""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Jobs": { "Directory": "{{file}}" } } }""");
        var settings = SiloConfigLoader.LoadFile(path);

        var error = Assert.Throws<SiloConfigException>(() => SiloStorageCheck.Check(settings, path));

        Assert.StartsWith("Silo:Jobs:Directory: ", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_jobs_folder_the_silo_makes_is_its_users_alone()
    {
        var folder = Path.Combine(TestPaths.NewTempDirectory(), "state", "jobs");
        var path = SiloConfigFiles.Write($$"""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Jobs": { "Directory": "{{folder}}" } } }""");

        SiloStorageCheck.Check(SiloConfigLoader.LoadFile(path), path);

        Assert.True(Directory.Exists(folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public void A_model_that_cannot_run_is_refused_before_the_silo_starts()
    {
        var path = SiloConfigFiles.Write("""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Devices": [ { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny" } ] } }""");
        var settings = SiloConfigLoader.LoadFile(path);
        var file = Path.Combine(settings.ModelsDirectory, "mobilenet-tiny.onnx");
        File.WriteAllText(file, "not a model");

        var error = Assert.Throws<SiloConfigException>(() => SiloModelCheck.Check(settings, path));

        var line = Assert.Single(error.Errors);
        Assert.StartsWith("Silo:Devices:0:Model: ", line, StringComparison.Ordinal);
        Assert.Contains("mobilenet-tiny.onnx", line);
        Assert.Contains(path, error.Message);
    }
}
