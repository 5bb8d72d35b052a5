using HeteroOrleans.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace HeteroOrleans.UnitTests.Configuration;

/// <summary>
/// Each options class's validator on its own, and the silo's validator that composes them as dependency injection
/// gives them: every problem named by its full key, those of one class and those between classes alike.
/// </summary>
public sealed class SiloOptionsValidatorTests
{
    [Fact]
    public void A_device_validator_names_each_problem_under_the_key_it_is_given()
    {
        var device = new DeviceOptions { Id = "end-{0", Count = 3, Model = " ", IntraOpThreads = 0, ComputeMode = ComputeMode.Emulated, MsPerBatch = -2 };

        var result = new DeviceOptionsValidator().Validate("Silo:Devices:4", device);

        Assert.Equal(
            [
                "Silo:Devices:4:Id: 'end-{0' is not a valid id pattern (use {0} or {0:D5} for the device's number; double any other brace)",
                "Silo:Devices:4:Tier: missing (End, Edge or Cloud)",
                "Silo:Devices:4:Model: missing",
                "Silo:Devices:4:IntraOpThreads: must be at least 1",
                "Silo:Devices:4:MsPerImage: an Emulated device needs its inference time per image (> 0)",
                "Silo:Devices:4:MsPerBatch: '-2' is not a non-negative number",
            ],
            result.Failures);
    }

    [Fact]
    public void The_tracing_validator_takes_a_share_from_0_to_1_and_an_http_collector()
    {
        var result = new TracingOptionsValidator().Validate(Options.DefaultName, new TracingOptions { SampleRate = 10, OtlpEndpoint = "collector:4317" });

        Assert.Equal(
            [
                "Silo:Tracing:SampleRate: '10' is not a share from 0 to 1 (0.1 traces one request in ten)",
                "Silo:Tracing:OtlpEndpoint: 'collector:4317' is not an http:// or https:// address of an OTLP collector",
            ],
            result.Failures);
        Assert.True(new TracingOptionsValidator().Validate(null, new TracingOptions { SampleRate = 0.1, OtlpEndpoint = "http://127.0.0.1:4317" }).Succeeded);
    }

    [Fact]
    public void Validators_given_no_name_use_their_section()
    {
        var result = new ClusteringOptionsValidator().Validate(Options.DefaultName, new ClusteringOptions { Provider = ClusteringProvider.Redis });

        Assert.Equal(["Silo:Clustering:ConnectionString: required for the Redis provider"], result.Failures);
    }

    [Fact]
    public void The_silo_validator_resolved_from_dependency_injection_reports_every_class_and_what_relates_them()
    {
        var options = new HeteroSiloOptions
        {
            Tiers = [Tier.End],
            SiloPort = 30000,
            Dashboard = { Host = "example", Port = 30000 },
            Devices =
            {
                ["0"] = new DeviceOptions { Id = "end-01", Tier = Tier.End, Model = "m" },
                ["1"] = new DeviceOptions { Id = "end-01", Tier = Tier.Edge, Model = "m" },
            },
        };
        options.Membership.NumMissedProbesLimit = 0;
        options.Monitor.ProbeInterval = TimeSpan.Zero;

        var failures = SiloOptionsValidation.Validator.Validate(Options.DefaultName, options).Failures!.ToList();

        Assert.Contains("Silo:Devices:1:Tier: device 'end-01' is Edge, but the silo's Tiers are End", failures);
        Assert.Contains("Silo:Devices:1:Id: duplicate device id 'end-01'", failures);
        Assert.Contains("Silo:GatewayPort: 30000 is the SiloPort too; give each its own port", failures);
        Assert.Contains("Silo:Dashboard:Host: 'example' is not an IP address (or localhost)", failures);
        Assert.Contains("Silo:Membership:NumMissedProbesLimit: must be at least 1", failures);
        Assert.Contains("Silo:Monitor:ProbeInterval: must be longer than zero", failures);
    }

    [Fact]
    public void Valid_options_pass()
    {
        var options = new HeteroSiloOptions
        {
            Tiers = [Tier.Edge],
            Devices = { ["0"] = new DeviceOptions { Id = "edge-{0:D2}", Count = 4, Tier = Tier.Edge, Model = "resnet-34" } },
        };

        Assert.True(SiloOptionsValidation.Validator.Validate(Options.DefaultName, options).Succeeded);
    }

    [Fact]
    public void A_silo_that_would_listen_beyond_loopback_without_tls_is_refused_unless_it_allows_insecure()
    {
        HeteroSiloOptions Exposed(bool allowInsecure, string? certificate = null) => new()
        {
            Tiers = [Tier.Edge],
            AdvertisedIp = "10.0.0.5",
            Clustering = { Provider = ClusteringProvider.Redis, ConnectionString = "10.0.0.1:6379" },
            Devices = { ["0"] = new DeviceOptions { Id = "edge-01", Tier = Tier.Edge, Model = "resnet-34" } },
            AllowInsecure = allowInsecure,
            Tls = { CertificatePath = certificate },
        };

        var failures = SiloOptionsValidation.Validator.Validate(Options.DefaultName, Exposed(false)).Failures!;

        var failure = Assert.Single(failures);
        Assert.StartsWith("Silo:Tls:CertificatePath: the silo would listen on every interface (AdvertisedIp 10.0.0.5, ports 11111 and 30000) without TLS", failure);
        Assert.Contains("hetero certs create", failure);
        Assert.Contains("Silo:AllowInsecure", failure);
        Assert.True(SiloOptionsValidation.Validator.Validate(Options.DefaultName, Exposed(true)).Succeeded);
        Assert.True(SiloOptionsValidation.Validator.Validate(Options.DefaultName, Exposed(false, "/etc/hetero/silo.pfx")).Succeeded);
    }

    [Fact]
    public void A_web_port_beyond_loopback_without_a_token_file_is_refused_unless_it_allows_insecure()
    {
        HeteroSiloOptions Exposed(bool allowInsecure, string? tokenFile = null) => new()
        {
            Tiers = [Tier.End],
            Dashboard = { Host = "0.0.0.0", TokenFile = tokenFile },
            Devices = { ["0"] = new DeviceOptions { Id = "end-01", Tier = Tier.End, Model = "mobilenet-tiny" } },
            AllowInsecure = allowInsecure,
        };

        var failure = Assert.Single(SiloOptionsValidation.Validator.Validate(Options.DefaultName, Exposed(false)).Failures!);

        Assert.StartsWith("Silo:Dashboard:TokenFile: the web port would listen on 0.0.0.0 (dashboard, device page, inference) with no credential", failure);
        Assert.Contains("hetero certs token FILE", failure);
        Assert.True(SiloOptionsValidation.Validator.Validate(Options.DefaultName, Exposed(true)).Succeeded);
        Assert.True(SiloOptionsValidation.Validator.Validate(Options.DefaultName, Exposed(false, "/etc/hetero/web.token")).Succeeded);
    }
}
