using System.Net.Sockets;

namespace HeteroOrleans.Hosting.Net;

/// <summary>Whether something accepts connections at an endpoint: the cheapest sign that a silo or a store is there.</summary>
public static class TcpProbe
{
    /// <summary>True when <paramref name="endpoint"/> accepts a connection within <paramref name="within"/>.</summary>
    public static async Task<bool> AcceptsAsync(IPEndPoint endpoint, TimeSpan within, CancellationToken cancellation = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(within);
        try
        {
            await client.ConnectAsync(endpoint, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
