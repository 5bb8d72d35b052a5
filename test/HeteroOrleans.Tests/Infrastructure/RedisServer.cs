using System.Diagnostics;
using HeteroOrleans.Hosting.Net;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// A Redis server of the test's own on a free loopback port, without persistence: the membership table and job store
/// of a cluster of silo processes. Tests skip, saying why, where <c>redis-server</c> is not installed.
/// </summary>
internal sealed class RedisServer(Process process, string executable, int port) : IDisposable
{
    private Process _process = process;

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
        var server = new RedisServer(Launch(executable!, port), executable!, port);
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
        _process = Launch(executable, Port);
        await WaitUpAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static Process Launch(string executable, int port) =>
        Process.Start(new ProcessStartInfo(executable, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
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
