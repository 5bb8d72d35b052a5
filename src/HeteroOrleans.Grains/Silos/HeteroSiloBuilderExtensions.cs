using HeteroOrleans.Grains.Devices;
using HeteroOrleans.Inference.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;

namespace HeteroOrleans.Grains.Silos;

/// <summary>Adds HeteroOrleans to an Orleans silo.</summary>
public static class HeteroSiloBuilderExtensions
{
    /// <summary>How long the grain directory holds a dead silo's grains back before they may activate elsewhere.</summary>
    public static readonly TimeSpan DirectoryLeaseAfterFailure = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Tags the silo with its tiers and devices, registers tier placement, and makes the silo's models
    /// available to its device grains (one shared session per model and tuning).
    /// </summary>
    public static ISiloBuilder AddHeteroOrleans(this ISiloBuilder builder, HeteroSiloSetup setup)
    {
        builder.UseSiloMetadata(SiloDeviceMetadata.Write(setup.Tiers, setup.Devices));

        // Orleans' default directory deactivates every grain whose entry lived on a silo that dies, wherever the grain
        // runs: a job on a healthy silo would be reset by the death of an unrelated one. The distributed directory
        // hands a dead silo's range to the survivors instead. Every silo of a cluster must use the same directory.
#pragma warning disable ORLEANSEXP003
        builder.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        // After a silo dies, the directory holds its grains back for a while in case it still runs them; with the
        // default hold a job waits about 20 s to come back. A job needs no such hold: its state is written with
        // storage ETags, so an activation cut off from the cluster can no longer write once another has taken over.
        builder.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = DirectoryLeaseAfterFailure);
        builder.Services.Configure<ExceptionSerializationOptions>(ErrorsAcrossCalls.Allow);
        builder.Services.AddSingleton(setup);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DeviceMonitorOptions>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeviceMonitorOptions>, DeviceMonitorOptionsValidator>();
        builder.Services.AddOptions<ServingOptions>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>();
        builder.Services.AddSingleton(_ => ModelStore.Open(setup.ModelsDirectory));
        builder.Services.AddSingleton<SharedClassifiers>();
        builder.Services.AddSingleton<PredictionCache>();

        // One pool for the process, not one per silo: silos started together in one process share its cores.
        builder.Services.TryAddSingleton(ComputePool.Machine);
        builder.Services.AddSingleton<SiloModelPlans>();
        builder.Services.AddSingleton<Tracing.RecentTraces>();
        builder.Services.AddSingleton<Links.EmulatedLinks>();
        builder.Services.AddSingleton<Links.LinkMeter>();
        builder.Services.AddSingleton<DeviceHost>();
        builder.Services.AddSingleton<ModelWarmup>();
        builder.Services.AddSingleton<SiloDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelWarmup>());
        builder.Services.AddSingleton<SiloDeviceDirectory>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloDeviceDirectory>());
        builder.Services.AddPlacementFilter<TierFilterStrategy, TierPlacementFilter>(ServiceLifetime.Transient);
        builder.Services.AddSingleton<IGrainTiers, FilterGrainTiers>();
        builder.Services.AddPlacementDirector<DevicePlacementStrategy, DevicePlacementDirector>();
        return builder;
    }

    /// <summary>Mutual TLS on the silo's connections (other silos and clients), when settings are given.</summary>
    public static ISiloBuilder UseHeteroTls(this ISiloBuilder builder, TlsSettings? tls) =>
        tls is null ? builder : builder.UseTls(tls.Configure);

    /// <summary>
    /// Makes a client of a HeteroOrleans cluster: the system's exceptions come back through calls as themselves, and
    /// the gateway connections use mutual TLS when <paramref name="tls"/> is given, and a traced caller's trace goes on into the cluster.
    /// </summary>
    public static IClientBuilder UseHeteroOrleans(this IClientBuilder builder, TlsSettings? tls = null)
    {
        builder.Services.Configure<ExceptionSerializationOptions>(ErrorsAcrossCalls.Allow);

        // A caller that traces (an OpenTelemetry tracer listening in its process) carries its trace into the cluster;
        // one that does not pays nothing.
        builder.AddActivityPropagation();
        return tls is null ? builder : builder.UseTls(tls.Configure);
    }
}
