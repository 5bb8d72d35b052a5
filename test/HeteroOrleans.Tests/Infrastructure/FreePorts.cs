using System.Net;
using System.Net.Sockets;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Loopback ports free at the moment of asking, for silos that tests start.</summary>
internal static class FreePorts
{
    /// <summary>A port nothing listens on now.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
