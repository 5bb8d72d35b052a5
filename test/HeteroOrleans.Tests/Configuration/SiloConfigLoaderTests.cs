using HeteroOrleans.Grains.Monitoring;
using HeteroOrleans.Hosting;
using HeteroOrleans.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HeteroOrleans.Tests.Configuration;

/// <summary>A silo config file is read into settings, or refused with every problem named by its key.</summary>
public sealed class SiloConfigLoaderTests
{
    [Fact]
    public void Reads_devices_links_and_defaults()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["Edge"], "ModelsDirectory": "MODELS",
              "Devices": [ { "Id": "edge-01", "Tier": "edge", "Model": "resnet-tiny", "Link": { "LatencyMs": 500, "BandwidthMbps": 100 } } ] } }
            """);

        var settings = SiloConfigLoader.LoadFile(path);

        var device = Assert.Single(settings.Devices);
        Assert.Equal(Tier.Edge, device.Tier);
        Assert.Equal(500, device.Link.RoundTripLatencyMs);
        Assert.Equal(100, device.Link.BandwidthMbps);
        Assert.True(device.Trusted);
        Assert.Equal(1, device.IntraOpThreads);
        Assert.Equal(11111, settings.Options.SiloPort);
        Assert.Equal(ClusteringProvider.Localhost, settings.Options.Clustering.Provider);
    }

    [Theory]
    [InlineData("end.json", 8)]
    [InlineData("edge.json", 4)]
    [InlineData("cloud.json", 1)]
    [InlineData("local.json", 13)]
    public void Shipped_silo_configs_are_valid(string file, int devices)
    {
        var settings = SiloConfigLoader.LoadFile(TestPaths.Repository(Path.Combine("silo-configs", file)));

        Assert.Equal(devices, settings.Devices.Count);
        Assert.All(settings.Devices, d => Assert.Contains(d.Tier, settings.Tiers));
    }

    [Fact]
    public void Cloud_devices_are_untrusted_unless_said_otherwise()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["Cloud"], "ModelsDirectory": "MODELS", "Devices": [ { "Id": "cloud-01", "Tier": "Cloud", "Model": "wrn-tiny" } ] } }
            """);
        Assert.False(Assert.Single(SiloConfigLoader.LoadFile(path).Devices).Trusted);
    }

    [Fact]
    public void Reports_every_bad_key_at_once()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End", "Fog"], "ModelsDirectory": "MODELS", "SiloPort": 70000,
              "Devices": [
                { "Id": "end-01", "Tier": "Mist", "Model": "mobilenet-tiny" },
                { "Id": "end-02", "Tier": "End", "Model": "mobilenet-tiny" },
                { "Id": "end-02", "Tier": "End", "Model": "mobilenet-tiny" },
                { "Id": "end-03", "Tier": "End", "Model": "resnet-9000" },
                { "Id": "end-04", "Tier": "Cloud", "Model": "mobilenet-tiny" }
              ] } }
            """);

        var error = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(path));

        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Tiers:1: unknown tier 'Fog'"));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:0:Tier: unknown tier 'Mist'"));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:2:Id: duplicate device id 'end-02'"));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:4:Tier: device 'end-04' is Cloud"));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:SiloPort:"));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Reads_emulation_fault_injection_probing_and_membership_tuning()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS",
              "Monitor": { "ProbeInterval": "00:00:00.250", "ProbeTimeout": "00:00:00.100" },
              "Membership": { "ProbeTimeout": "00:00:01", "NumMissedProbesLimit": 2, "NumVotesForDeathDeclaration": 1 },
              "Devices": [ { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny", "ComputeMode": "Emulated", "MsPerImage": 10.4, "FailAfterTasks": 12 } ] } }
            """);

        var settings = SiloConfigLoader.LoadFile(path);

        var device = Assert.Single(settings.Devices);
        Assert.Equal(HeteroOrleans.Contracts.Devices.ComputeMode.Emulated, device.ComputeMode);
        Assert.Equal(10.4, device.MsPerImage);
        Assert.Equal(12, device.FailAfterTasks);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Options.Monitor.ProbeInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Options.Monitor.ProbeTimeout);
        Assert.Equal(2, settings.Options.Monitor.MissedProbesForDown);
    }

    [Fact]
    public void The_silo_reads_membership_and_probing_from_its_section()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Dashboard": { "Port": 0 },
              "Monitor": { "ProbeInterval": "00:00:00.250" },
              "Membership": { "ProbeTimeout": "00:00:01", "NumMissedProbesLimit": 2, "NumVotesForDeathDeclaration": 1 } } }
            """);

        // Built, not started: the host's options are what the silo would run with.
        var services = SiloHost.Build(SiloConfigLoader.LoadFile(path)).Services;

        var membership = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
        Assert.Equal(1, membership.NumVotesForDeathDeclaration);
        Assert.Equal(new ClusterMembershipOptions().NumProbedSilos, membership.NumProbedSilos);
        var monitor = services.GetRequiredService<IOptions<DeviceMonitorOptions>>().Value;
        Assert.Equal(TimeSpan.FromMilliseconds(250), monitor.ProbeInterval);
        Assert.Equal(new DeviceMonitorOptions().ProbeTimeout, monitor.ProbeTimeout);
    }

    [Fact]
    public void Unknown_keys_and_values_of_the_wrong_kind_are_named_together()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "GatewayPrt": 30000, "SiloPort": "eleven",
              "Monitor": { "ProbeInterval": "fast" }, "Membership": { "ProbeTimeoutMs": 1000 },
              "Devices": [ { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny", "Trusted": "yes", "ComputeMode": "Gpu" } ] } }
            """);

        var error = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(path));

        Assert.Contains(error.Errors, e => e.StartsWith("Silo:GatewayPrt: unknown setting (did you mean GatewayPort?)", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:SiloPort: 'eleven' is not a whole number", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Monitor:ProbeInterval: 'fast' is not a duration", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Membership:ProbeTimeoutMs: unknown setting", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:0:Trusted: 'yes' is not true or false", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:0:ComputeMode: unknown compute mode 'Gpu' (expected Onnx or Emulated)", StringComparison.Ordinal));
        Assert.Equal(6, error.Errors.Count);
    }

    [Fact]
    public void One_entry_stands_for_many_alike_devices_numbered_by_its_id_pattern()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Devices": [
              { "Id": "end-{0:D5}", "Count": 10000, "Tier": "End", "Model": "mobilenet-tiny", "ComputeMode": "Emulated", "MsPerImage": 10.4 },
              { "Id": "end-main", "Tier": "End", "Model": "mobilenet-tiny" },
              { "Id": "end-solo-{0}", "Tier": "End", "Model": "mobilenet-tiny" } ] } }
            """);

        var settings = SiloConfigLoader.LoadFile(path);

        Assert.Equal(10_002, settings.Devices.Count);
        Assert.Equal(["end-00001", "end-00002"], settings.Devices.Take(2).Select(d => d.Id));
        Assert.Equal("end-10000", settings.Devices[9999].Id);
        Assert.All(settings.Devices.Take(10_000), d => Assert.Equal(10.4, d.MsPerImage));
        Assert.Equal(ComputeMode.Onnx, settings.Devices[10_000].ComputeMode);

        // A pattern for one device is numbered like the rest.
        Assert.Equal("end-solo-1", settings.Devices[^1].Id);
    }

    [Fact]
    public void An_emulated_device_without_its_speed_is_refused()
    {
        var path = SiloConfigFiles.Write("""
            { "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Devices": [ { "Id": "end-01", "Tier": "End", "Model": "mobilenet-tiny", "ComputeMode": "Emulated" } ] } }
            """);
        var error = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(path));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Devices:0:MsPerImage:"));
    }

    [Theory]
    [InlineData("\"ModelsDirectory\": \" \"", "Silo:ModelsDirectory: must name a folder")]
    [InlineData("\"ClusterId\": \"\"", "Silo:ClusterId: must not be empty")]
    [InlineData("\"Tiers\": \"Edge\"", "Silo:Tiers: expected a list")]
    [InlineData("\"SiloPort\": 99999999999", "Silo:SiloPort: '99999999999' is out of range")]
    [InlineData("\"GatewayPort\": 11111", "Silo:GatewayPort: 11111 is the SiloPort too")]
    [InlineData("\"Dashboard\": { \"Host\": \"not a host\" }", "Silo:Dashboard:Host: 'not a host' is not an IP address")]
    [InlineData("\"Clustering\": { \"PrimarySiloEndpoint\": \"127.0.0.1\" }", "Silo:Clustering:PrimarySiloEndpoint: '127.0.0.1' is not an IP:port endpoint")]
    [InlineData("\"Membership\": { \"NumProbedSilos\": 1, \"NumVotesForDeathDeclaration\": 2 }", "Silo:Membership:NumVotesForDeathDeclaration: must be between 1 and NumProbedSilos (1)")]
    [InlineData("\"Devices\": [ null ]", "Silo:Devices:0: empty entry")]
    [InlineData("\"Devices\": [ { \"Id\": \"end\", \"Count\": 3, \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" } ]", "Silo:Devices:0:Id: 'end' stands for 3 devices and needs {0}")]
    [InlineData("\"Devices\": [ { \"Id\": \"end-{0:D3\", \"Count\": 3, \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" } ]", "Silo:Devices:0:Id: 'end-{0:D3' is not a valid id pattern")]
    [InlineData("\"Devices\": [ { \"Id\": \"end-{0}\", \"Count\": 0, \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" } ]", "Silo:Devices:0:Count: 0 devices; must be at least 1")]
    [InlineData("\"Devices\": [ { \"Id\": \"end-{0}\", \"Count\": 3, \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" }, { \"Id\": \"end-2\", \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" } ]", "Silo:Devices:1:Id: duplicate device id 'end-2'")]
    [InlineData("\"Devices\": [ \"oops\", { \"Id\": \"a\", \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" }, { \"Id\": \"a\", \"Tier\": \"End\", \"Model\": \"mobilenet-tiny\" } ]", "Silo:Devices:2:Id: duplicate device id 'a'")]
    public void Each_mistake_is_named_by_the_key_it_was_written_at(string setting, string expected)
    {
        var models = setting.Contains("ModelsDirectory", StringComparison.Ordinal) ? "" : "\"ModelsDirectory\": \"MODELS\",";
        var path = SiloConfigFiles.Write($$"""{ "Silo": { "Tiers": ["End"], {{models}} {{setting}} } }""");

        var error = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(path));

        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_store_provider_needs_a_connection_string()
    {
        var path = SiloConfigFiles.Write("""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "Clustering": { "Provider": "Redis" } } }""");
        var error = Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(path));
        Assert.Contains(error.Errors, e => e.StartsWith("Silo:Clustering:ConnectionString: required for the Redis provider"));
    }

    [Fact]
    public void Command_line_overrides_the_file()
    {
        var path = SiloConfigFiles.Write("""{ "Silo": { "Tiers": ["End"], "ModelsDirectory": "MODELS", "SiloPort": 11111 } }""");
        Assert.Equal(12000, SiloConfigLoader.LoadFile(path, ["--Silo:SiloPort=12000"]).Options.SiloPort);
    }

    [Fact]
    public void A_missing_or_malformed_file_is_named()
    {
        var missing = Path.Combine(TestPaths.NewTempDirectory(), "none.json");
        Assert.Contains(missing, Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(missing)).Message);

        var broken = SiloConfigFiles.Write("{ \"Silo\": { ");
        Assert.Contains(broken, Assert.Throws<SiloConfigException>(() => SiloConfigLoader.LoadFile(broken)).Message);
    }
}
