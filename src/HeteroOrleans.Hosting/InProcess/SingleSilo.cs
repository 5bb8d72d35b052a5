using System.Globalization;
using System.Net.Sockets;
using HeteroOrleans.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HeteroOrleans.Hosting.InProcess;

/// <summary>A private one-silo cluster on free loopback ports, hosting the given devices (for benchmarks).</summary>
public sealed class SingleSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SingleSilo(WebApplication app) => _app = app;

    /// <summary>The address its web endpoint (dashboard, device page, metrics, health) listens on.</summary>
    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Grain access through the silo.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo of every tier hosting <paramref name="devices"/>, with <paramref name="overrides"/> (<c>Silo:…</c> keys) on top.</summary>
    public static async Task<SingleSilo> StartAsync(
        IReadOnlyList<DeviceProfile> devices, string modelsDirectory, CancellationToken cancellation, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var siloPort = FreePort();
        var values = new Dictionary<string, string?>
        {
            ["Silo:Name"] = "bench",
            ["Silo:Tiers:0"] = nameof(Tier.End),
            ["Silo:Tiers:1"] = nameof(Tier.Edge),
            ["Silo:Tiers:2"] = nameof(Tier.Cloud),
            ["Silo:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Silo:ServiceId"] = "hetero-bench",
            ["Silo:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Silo:Clustering:PrimarySiloEndpoint"] = $"127.0.0.1:{siloPort}",
            ["Silo:Dashboard:Port"] = "0",
            ["Silo:ModelsDirectory"] = modelsDirectory,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var settings = SiloConfigLoader.LoadValues(values, "the bench silo") with
        {
            Devices = devices,
        };
        var app = SiloHost.Build(settings, SiloHost.ErrorsOnlyLogging, embedded: true);
        await app.StartAsync(cancellation);
        return new SingleSilo(app);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
