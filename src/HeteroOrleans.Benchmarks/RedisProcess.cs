using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HeteroOrleans.Benchmarks;

/// <summary>
/// A <c>redis-server</c> of the bench's own on a loopback port: a store, a replica, or a Sentinel (the same program
/// started with <c>--sentinel</c>). Killed without grace and started again on the same port and arguments at will.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly string? Executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
    private readonly string[] _arguments;
    private Process _process;

    private RedisProcess(int port, string[] arguments) => (Port, _arguments, _process) = (port, arguments, Launch(arguments));

    /// <summary>Why no store can be started here; null where <c>redis-server</c> is installed.</summary>
    public static string? Missing => Executable is null ? "redis-server is not installed (Debian: apt-get install redis-server)" : null;

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Starts a store on a free port with <paramref name="extra"/> arguments, in <paramref name="directory"/>; waits until it answers.</summary>
    public static Task<RedisProcess> StartAsync(string directory, params string[] extra)
    {
        var port = FreePort();
        return StartAsync(port, ["--port", Invariant(port), "--bind", "127.0.0.1", "--save", "", "--dir", directory, .. extra]);
    }

    /// <summary>Starts a Sentinel that alone (quorum 1) fails <paramref name="service"/> over once its master at <paramref name="masterPort"/> is silent for a second.</summary>
    public static Task<RedisProcess> StartSentinelAsync(string directory, string service, int masterPort)
    {
        var port = FreePort();
        var config = Path.Combine(directory, "sentinel.conf");
        File.WriteAllText(config, $"port {port}\nbind 127.0.0.1\nsentinel monitor {service} 127.0.0.1 {masterPort} 1\n" +
            $"sentinel down-after-milliseconds {service} 1000\nsentinel failover-timeout {service} 10000\n");
        return StartAsync(port, [config, "--sentinel"]);
    }

    /// <summary>Stops it without grace (<c>kill -9</c>).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Starts it again as it was started (a store with an append-only log reads it back) and waits until it answers.</summary>
    public async Task RestartAsync(CancellationToken cancellation)
    {
        Kill();
        _process.Dispose();
        _process = Launch(_arguments);
        await WaitUpAsync(cancellation);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<RedisProcess> StartAsync(int port, string[] arguments)
    {
        var server = new RedisProcess(port, arguments);
        await server.WaitUpAsync(CancellationToken.None);
        return server;
    }

    private async Task WaitUpAsync(CancellationToken cancellation)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server {string.Join(' ', _arguments)} exited at start: {await _process.StandardError.ReadToEndAsync(cancellation)}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellation);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellation);
            }
        }

        throw new TimeoutException($"redis-server on port {Port} did not accept connections within 10 s");
    }

    private static Process Launch(string[] arguments) =>
        Process.Start(new ProcessStartInfo(Executable ?? throw new InvalidOperationException(Missing), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    private static string Invariant(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
