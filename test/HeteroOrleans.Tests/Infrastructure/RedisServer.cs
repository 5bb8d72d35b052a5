using System.Diagnostics;
using HeteroOrleans.Hosting.Net;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// A Redis server of the test's own on a free loopback port, without persistence: the membership table and job store
/// of a cluster of silo processes; or a Sentinel watching one. Tests skip, saying why, where <c>redis-server</c> is not
/// installed (a Sentinel is the same program, started with <c>--sentinel</c>).
/// </summary>
internal sealed class RedisServer(Process process, string executable, int port, string[] arguments) : IDisposable
{
    private Process _process = process;

    /// <summary>The port it listens on.</summary>
    public int Port { get; } = port;

    /// <summary>The StackExchange.Redis connection string of the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server, with <paramref name="extra"/> arguments (<c>--replicaof</c> …), and waits until it accepts connections.</summary>
    public static Task<RedisServer> StartAsync(params string[] extra)
    {
        var port = FreePorts.Next();
        return StartAsync(port, ["--port", Invariant(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. extra]);
    }

    /// <summary>
    /// Starts a Sentinel watching the master at <paramref name="masterPort"/> as <paramref name="service"/>: it alone
    /// decides (quorum 1) and fails over once the master has not answered for a second.
    /// </summary>
    public static Task<RedisServer> StartSentinelAsync(string service, int masterPort)
    {
        var port = FreePorts.Next();
        var config = Path.Combine(TestPaths.NewTempDirectory(), "sentinel.conf");
        File.WriteAllText(config, $"""
            port {port}
            bind 127.0.0.1
            sentinel monitor {service} 127.0.0.1 {masterPort} 1
            sentinel down-after-milliseconds {service} 1000
            sentinel failover-timeout {service} 10000

            """);
        return StartAsync(port, [config, "--sentinel"]);
    }

    private static async Task<RedisServer> StartAsync(int port, string[] arguments)
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(executable is null, "redis-server is not installed (.ci/run installs Debian's redis-server)");
        var server = new RedisServer(Launch(executable!, arguments), executable!, port, arguments);
        await server.WaitUpAsync();
        return server;
    }

    /// <summary>Stops the server without grace (<c>kill -9</c>): everything it held is gone, as it kept nothing on disk.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Starts the server again, empty, on the same port, and waits until it accepts connections.</summary>
    public async Task RestartEmptyAsync()
    {
        Kill();
        _process.Dispose();
        _process = Launch(executable, arguments);
        await WaitUpAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string Invariant(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Process Launch(string executable, string[] arguments) =>
        Process.Start(new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    private Task WaitUpAsync() =>
        Poll.UntilAsync(
            async () => _process.HasExited ? throw new InvalidOperationException("redis-server exited at start")
                : await TcpProbe.AcceptsAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port), TimeSpan.FromSeconds(1)),
            "redis-server to accept connections", TimeSpan.FromSeconds(20));
}
