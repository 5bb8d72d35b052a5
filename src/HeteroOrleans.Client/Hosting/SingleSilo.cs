using System.Net;
using System.Net.Sockets;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Silo.Configuration;
using HeteroOrleans.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HeteroOrleans.Client.Hosting;

/// <summary>A private one-silo cluster on free loopback ports, hosting the given devices (for benchmarks).</summary>
public sealed class SingleSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SingleSilo(WebApplication app) => _app = app;

    /// <summary>The address its web endpoint (dashboard, device page, metrics, health) listens on.</summary>
    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Grain access through the silo.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo of every tier hosting <paramref name="devices"/>.</summary>
    public static async Task<SingleSilo> StartAsync(IReadOnlyList<DeviceProfile> devices, string modelsDirectory, CancellationToken cancellation)
    {
        var siloPort = FreePort();
        var settings = new SiloSettings(
            "bench", [Tier.End, Tier.Edge, Tier.Cloud], devices, $"bench-{Guid.NewGuid():N}", "hetero-bench", siloPort, FreePort(),
            IPAddress.Loopback, new ClusteringSettings(ClusteringProvider.Localhost, new IPEndPoint(IPAddress.Loopback, siloPort), null, "Npgsql"),
            "127.0.0.1", 0, modelsDirectory);
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
