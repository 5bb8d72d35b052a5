using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HeteroOrleans.Hosting;

/// <summary>An Orleans client of a cluster that knows its silos' gateways, as a user's program connects.</summary>
public static class GatewayClient
{
    /// <summary>Starts a client host connected through <paramref name="gateways"/> to the cluster <paramref name="clusterId"/>.</summary>
    public static async Task<IHost> ConnectAsync(IReadOnlyList<IPEndPoint> gateways, string clusterId, string serviceId, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. gateways]);
            client.UseHeteroOrleans();
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
        });
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }
}
