using System.Diagnostics;
using HeteroOrleans.Hosting.Net;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// A Redis server of the test's own on a free loopback port, without persistence: the membership table and job store
/// of a cluster of silo processes. Tests skip, saying why, where <c>redis-server</c> is not installed.
/// </summary>
internal sealed class RedisServer(Process process, int port) : IDisposable
{
    /// <summary>The port it listens on.</summary>
    public int Port { get; } = port;

    /// <summary>The StackExchange.Redis connection string of the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(executable is null, "redis-server is not installed (.ci/run installs Debian's redis-server)");
        var port = FreePorts.Next();
        var process = Process.Start(new ProcessStartInfo(executable!, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new RedisServer(process, port);
        await Poll.UntilAsync(
            async () => process.HasExited ? throw new InvalidOperationException("redis-server exited at start")
                : await TcpProbe.AcceptsAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), TimeSpan.FromSeconds(1)),
            "redis-server to accept connections", TimeSpan.FromSeconds(20));
        return server;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
