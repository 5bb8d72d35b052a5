using System.Net;
using System.Net.Sockets;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Loopback ports free at the moment of asking, for silos that tests start.</summary>
internal static class FreePorts
{
    // Below Linux's ephemeral range (32768 up): a port the kernel hands an outgoing connection (a client's, Redis's) in
    // the moment between asking and the silo binding it would leave the silo "address already in use". Each test
    // process starts at its own place, and the ports go round within the range.
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int _next = Environment.ProcessId % Count;

    /// <summary>A port nothing listens on now.</summary>
    public static int Next()
    {
        for (var tries = 0; tries < Count; tries++)
        {
            var port = First + (Interlocked.Increment(ref _next) % Count);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: the next one.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
    }
}
