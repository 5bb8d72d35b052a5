using System.Net.Sockets;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks, before a silo joins its cluster, that the ports it will listen on are free. A silo that finds a port taken
/// after joining would be declared dead by the others, and a second copy of a running silo would take the first one
/// down with it; refused here, it names the port and its key, and nothing in the cluster changes.
/// </summary>
public static class SiloPortCheck
{
    /// <summary>Checks the silo, gateway and dashboard ports of <paramref name="settings"/>.</summary>
    /// <exception cref="SiloConfigException">A port is taken.</exception>
    public static void Check(SiloSettings settings, string source)
    {
        var options = settings.Options;
        var silo = options.Clustering.Provider is ClusteringProvider.Localhost or ClusteringProvider.InProcess ? IPAddress.Loopback : IPAddress.Any;
        var dashboard = options.Dashboard.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Dashboard.Host);
        var errors = new[]
            {
                ($"{HeteroSiloOptions.SectionName}:SiloPort", silo, options.SiloPort),
                ($"{HeteroSiloOptions.SectionName}:GatewayPort", silo, options.GatewayPort),
                ($"{HeteroSiloOptions.SectionName}:Dashboard:Port", dashboard, options.Dashboard.Port),
            }
            .Where(p => p.Item3 != 0 && !IsFree(p.Item2, p.Item3))
            .Select(p => $"{p.Item1}: port {p.Item3} on {p.Item2} is in use (by another silo, a copy of this one, or another program)")
            .ToList();
        if (errors.Count > 0)
        {
            throw new SiloConfigException(source, errors);
        }
    }

    private static bool IsFree(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port) { ExclusiveAddressUse = true };
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
