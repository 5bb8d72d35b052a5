using System.Text.Json;
using System.Text.Json.Serialization;
using HeteroOrleans.Grains.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Persistence.FileStorage;
using Orleans.TestingHost;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// Gives each TestingHost silo the setup stored under its name (<c>Primary</c>, <c>Secondary_1</c> …) in the
/// cluster's properties, so one test cluster holds silos of different tiers.
/// </summary>
public sealed class TierSiloConfigurator : ISiloConfigurator
{
    /// <summary>Property key prefix of a silo's setup.</summary>
    public const string SetupKeyPrefix = "HeteroSetup:";

    /// <summary>JSON settings for setups.</summary>
    public static JsonSerializerOptions Json { get; } = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Property key of the folder the cluster's silos keep job state in.</summary>
    public const string JobsDirectoryKey = "HeteroJobs:Directory";

    /// <summary>Property key of the PFX file every silo and the test client use, when a test wants TLS.</summary>
    public const string TlsCertificateKey = "HeteroTls:Pfx";

    /// <summary>The password of <see cref="TlsCertificateKey"/>.</summary>
    public const string TlsPassword = "test-only";

    /// <summary>
    /// Property key of the cluster's certificate authority (<c>ca.crt</c>), when a test uses certificates it signed
    /// (without a password); without it, <see cref="TlsCertificateKey"/> is one certificate every peer shares.
    /// </summary>
    public const string TlsAuthorityKey = "HeteroTls:Authority";

    /// <summary>The TLS settings the cluster's properties ask for, or null.</summary>
    public static TlsSettings? TlsFrom(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[TlsCertificateKey] is not { Length: > 0 } path ? null
        : configuration[TlsAuthorityKey] is { Length: > 0 } authority ? TlsSettings.Load(path, null, [], authority)
        : TlsSettings.Load(path, TlsPassword, []);

    /// <inheritdoc />
    public void Configure(ISiloBuilder siloBuilder)
    {
        var name = siloBuilder.Configuration["Orleans:Name"];
        var json = siloBuilder.Configuration[SetupKeyPrefix + name]
            ?? throw new InvalidOperationException($"No HeteroOrleans setup for test silo '{name}'.");
        siloBuilder.AddHeteroOrleans(JsonSerializer.Deserialize<HeteroSiloSetup>(json, Json)!);
        siloBuilder.Services.Configure<DeviceMonitorOptions>(TierCluster.FastProbes);

        // Every silo of a test cluster shares one folder for job state, as the silos of one machine do.
        var jobs = siloBuilder.Configuration[JobsDirectoryKey] ?? throw new InvalidOperationException("No jobs folder for the test cluster.");
        siloBuilder.AddFileGrainStorage(JobStorage.Name, o => o.RootDirectory = jobs);
        siloBuilder.AddIncomingGrainCallFilter<RawPixelInterceptor>();
        siloBuilder.AddIncomingGrainCallFilter<DeviceCallLog>();
        siloBuilder.AddIncomingGrainCallFilter<ThrowOnRequestFilter>();
        siloBuilder.UseHeteroTls(TlsFrom(siloBuilder.Configuration));
    }
}
