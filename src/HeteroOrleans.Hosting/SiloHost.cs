using HeteroOrleans.Grains.Jobs;
using HeteroOrleans.Grains.Links;
using HeteroOrleans.Hosting.Draining;
using HeteroOrleans.Hosting.InProcess;
using HeteroOrleans.Hosting.Web;
using HeteroOrleans.Hosting.Web.Access;
using HeteroOrleans.Hosting.Web.OpenInference;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Persistence.FileStorage;
using StackExchange.Redis;

namespace HeteroOrleans.Hosting;

/// <summary>
/// Builds a silo host: an ASP.NET Core application running Orleans, whose Kestrel endpoint serves the
/// Orleans dashboard. Used by the silo program and by <c>hetero demo</c>, which runs several in one process.
/// </summary>
public static class SiloHost
{
    private const string ReadyTag = "ready";

    /// <summary>Configuration that keeps a hosted silo's console to errors, for silos embedded in another program.</summary>
    public static IConfiguration ErrorsOnlyLogging { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" })
        .Build();

    /// <summary>Configuration that keeps a hosted silo's console to critical errors: for fault campaigns, where dying silos are the point.</summary>
    public static IConfiguration SilentLogging { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Critical" })
        .Build();

    /// <summary>Builds (does not start) the silo described by <paramref name="settings"/>.</summary>
    /// <param name="settings">The validated silo config.</param>
    /// <param name="configuration">Extra configuration (e.g. <c>Logging</c>); may be null.</param>
    /// <param name="embedded">True when another program owns the process and its Ctrl+C handling.</param>
    public static WebApplication Build(SiloSettings settings, IConfiguration? configuration = null, bool embedded = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(SiloHost).Assembly.GetName().Name });
        if (configuration is not null)
        {
            // Copied, not chained: a host writes its own settings (its URLs) through to every source it chains, and
            // silos built with one shared configuration would then listen where the last one built asked to.
            builder.Configuration.AddInMemoryCollection(configuration.AsEnumerable());
        }

        // Orleans' watchdog warns at every start of a participant "not completed" for hours, measured from no start
        // at all: a warning that asks for no action. Its errors still show.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);

        // Orleans' placement retries each message to a silo that just died and logs every attempt (as an error at the
        // last); the caller gets the failure and acts on it (a missed probe, a hedged task), so the log adds nothing.
        builder.Logging.AddFilter("Polly", LogLevel.Critical);

        // Likewise each message that cannot be addressed to a silo that just died is logged with a stack trace, though
        // its caller gets the failure; the connection warnings that say a silo is unreachable still show.
        builder.Logging.AddFilter("Orleans.Messaging", LogLevel.Critical);
        if (embedded)
        {
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        }

        builder.WebHost.UseUrls($"http://{settings.Options.Dashboard.Host}:{settings.Options.Dashboard.Port}");
        var telemetry = builder.Services.AddOpenTelemetry();
        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloOptions>(o => o.SiloName = settings.Name);
            UseClustering(silo, settings);
            UseJobStorage(silo, settings);
            silo.AddHeteroOrleans(new HeteroSiloSetup(settings.Tiers, settings.Devices, settings.ModelsDirectory));
            silo.UseHeteroTls(settings.Tls);

            // Both sections bind straight onto the options their consumers read; keys left out keep those defaults.
            silo.Services.Configure<ClusterMembershipOptions>(settings.Section.GetSection(nameof(HeteroSiloOptions.Membership)));
            silo.Services.Configure<DeviceMonitorOptions>(settings.Section.GetSection(nameof(HeteroSiloOptions.Monitor)));
            silo.Services.Configure<LinkEmulationOptions>(settings.Section.GetSection(nameof(HeteroSiloOptions.Links)));
            silo.Services.Configure<ServingOptions>(settings.Section.GetSection(nameof(HeteroSiloOptions.Serving)));
            silo.Configure<SiloMessagingOptions>(o => o.ClientGatewayShutdownNotificationTimeout = HeteroSiloOptions.ClientsNotice);
            silo.AddDashboard();
            SiloTracing.Use(silo, telemetry, settings.Options.Tracing);
        });

        telemetry
            .ConfigureResource(resource => resource.AddService("hetero-silo", serviceInstanceId: settings.Name))
            .WithMetrics(metrics => metrics
            .AddMeter(HeteroMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<Jobs.JobStateSweeper>();
        if (!embedded)
        {
            // The drain runs as the host begins to stop, while Orleans and the web endpoints still serve; the host then
            // gives Orleans' own shutdown its share.
            builder.Services.AddHostedService<SiloDrainer>();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Options.DrainTimeout + HeteroSiloOptions.ShutdownAfterDrain);
        }

        builder.Services.AddSingleton<Store.StoreHealth>();
        if (settings.Options.Clustering.Provider is ClusteringProvider.Redis or ClusteringProvider.AdoNet)
        {
            builder.Services.AddHostedService<Store.MembershipStoreWatch>();
            builder.Services.AddSingleton<Store.RedisTableRebuild>();
        }

        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: [ReadyTag]);
        builder.Services.AddWebAccess(settings.WebToken);

        var app = builder.Build();
        app.UseWebAccess(settings.WebToken);
        app.UseDashboardLink();
        app.MapOrleansDashboard(routePrefix: null);
        app.MapDeviceState();
        app.MapOpenInference();
        app.MapDrain(embedded);
        app.MapPrometheusScrapingEndpoint();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthJson.WriteAsync })
            .AllowAnonymous();
        return app;
    }

    private static void UseClustering(ISiloBuilder silo, SiloSettings settings)
    {
        var (options, clustering) = (settings.Options, settings.Options.Clustering);
        if (clustering.Provider == ClusteringProvider.Localhost)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, settings.PrimarySiloEndpoint, options.ServiceId, options.ClusterId);
            return;
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(settings.AdvertisedIp, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        switch (clustering.Provider)
        {
            case ClusteringProvider.Redis:
                silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(clustering.ConnectionString!));
                break;
            case ClusteringProvider.AdoNet:
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = clustering.AdoNetInvariant;
                    o.ConnectionString = clustering.ConnectionString;
                });
                break;
            default:
                var table = SharedMembershipTable.For(options.ClusterId);
                silo.Services.AddSingleton<IMembershipTable>(sp => ActivatorUtilities.CreateInstance<SharedMembershipTableProvider>(sp, table));
                break;
        }
    }

    // Jobs keep their state where membership is kept, so that a job outlives its silo: in Redis or the database
    // with those providers, and in a folder every silo of the machine shares with development or in-process
    // clustering (Orleans' memory storage would live in grains on the silos, and die with them).
    private static void UseJobStorage(ISiloBuilder silo, SiloSettings settings)
    {
        var clustering = settings.Options.Clustering;
        switch (clustering.Provider)
        {
            case ClusteringProvider.Redis:
                silo.AddRedisGrainStorage(JobStorage.Name, o => o.ConfigurationOptions = ConfigurationOptions.Parse(clustering.ConnectionString!));
                break;
            case ClusteringProvider.AdoNet:
                silo.AddAdoNetGrainStorage(JobStorage.Name, o =>
                {
                    o.Invariant = clustering.AdoNetInvariant;
                    o.ConnectionString = clustering.ConnectionString;
                });
                break;
            default:
                silo.AddFileGrainStorage(JobStorage.Name, o => o.RootDirectory = settings.JobsDirectory);
                break;
        }
    }
}
