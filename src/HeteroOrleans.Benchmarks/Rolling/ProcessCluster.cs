using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HeteroOrleans.Grains.Silos;
using HeteroOrleans.Hosting;
using HeteroOrleans.Hosting.Net;
using HeteroOrleans.Hosting.Operations;
using Microsoft.Extensions.Hosting;

namespace HeteroOrleans.Benchmarks.Rolling;

/// <summary>
/// A cluster as a deployment runs it: a Redis server of its own and one silo process per config, on the configs' ports,
/// with a cluster id of its own so that nothing of an earlier run is met. Every process goes when it is disposed.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly string _siloProgram;
    private readonly string _logDirectory;
    private readonly Dictionary<string, Process> _silos = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _overrides;
    private Process? _redis;

    private ProcessCluster(string siloProgram, IReadOnlyList<FileInfo> configs, string logDirectory, IReadOnlyList<string> overrides)
    {
        (_siloProgram, _logDirectory, _overrides) = (siloProgram, logDirectory, overrides);
        Configs = configs;
        Settings = [.. configs.Select(c => SiloConfigLoader.LoadFile(c.FullName))];
        ClusterId = $"roll-{Guid.NewGuid():N}"[..16];
    }

    /// <summary>The silos' configs, in order.</summary>
    public IReadOnlyList<FileInfo> Configs { get; }

    /// <summary>What each config says.</summary>
    public IReadOnlyList<SiloSettings> Settings { get; }

    /// <summary>This cluster's own id (and service id).</summary>
    public string ClusterId { get; }

    /// <summary>The Redis connection string every silo is given.</summary>
    public string Redis { get; private set; } = string.Empty;

    /// <summary>
    /// Starts Redis and every silo, and waits until each is ready. <paramref name="overrides"/> are settings every silo
    /// is given on its command line (<c>--Silo:Tracing:SampleRate=0.1</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A program is missing, or a silo did not become ready; the message says which.</exception>
    public static async Task<ProcessCluster> StartAsync(
        string siloProgram, string redisServer, IReadOnlyList<FileInfo> configs, string logDirectory, TimeSpan readyWithin, CancellationToken cancellation,
        IReadOnlyList<string>? overrides = null)
    {
        var cluster = new ProcessCluster(siloProgram, configs, logDirectory, overrides ?? []);
        try
        {
            await cluster.StartRedisAsync(redisServer, cancellation);
            foreach (var (config, settings) in configs.Zip(cluster.Settings))
            {
                cluster.StartSilo(settings.Name, config);
            }

            foreach (var config in configs)
            {
                using var web = SiloWeb.FromConfig(config);
                var (ready, says) = await web.WaitReadyAsync(readyWithin, cancellation);
                if (!ready)
                {
                    throw new InvalidOperationException($"silo {web.Name} was not ready {readyWithin.TotalSeconds:0} s after its start ({says}); its log: {cluster.LogOf(web.Name)}");
                }
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts silo <paramref name="name"/> again from <paramref name="config"/>, after it stopped.</summary>
    public void StartSilo(string name, FileInfo config)
    {
        if (_silos.Remove(name, out var old))
        {
            old.Dispose();
        }

        var info = new ProcessStartInfo(_siloProgram) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in ((string[])["--config", config.FullName, $"--Silo:Clustering:ConnectionString={Redis}", $"--Silo:ClusterId={ClusterId}", $"--Silo:ServiceId={ClusterId}"]).Concat(_overrides))
        {
            info.ArgumentList.Add(argument);
        }

        _silos[name] = StartLogged(info, LogOf(name));
    }

    /// <summary>The processor time every silo process has used so far.</summary>
    public TimeSpan SiloProcessorTime()
    {
        var total = TimeSpan.Zero;
        foreach (var process in _silos.Values)
        {
            process.Refresh();
            total += process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
        }

        return total;
    }

    /// <summary>An Orleans client that knows every silo's gateway.</summary>
    public Task<IHost> ConnectClientAsync(CancellationToken cancellation) =>
        GatewayClient.ConnectAsync([.. Settings.Select(s => new IPEndPoint(s.AdvertisedIp, s.Options.GatewayPort))], ClusterId, ClusterId, cancellation);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _silos.Values.Append(_redis).OfType<Process>())
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Never started, or already gone.
            }

            process.Dispose();
        }
    }

    private string LogOf(string name) => Path.Combine(_logDirectory, $"{name}.log");

    private async Task StartRedisAsync(string redisServer, CancellationToken cancellation)
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        var info = new ProcessStartInfo(redisServer) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            _redis = StartLogged(info, LogOf("redis"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{redisServer}' cannot be started ({e.Message}): install Redis (apt-get install redis-server) or give --redis-server PATH");
        }

        Redis = $"127.0.0.1:{port}";
        for (var tries = 0; !await TcpProbe.AcceptsAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(1), cancellation); tries++)
        {
            if (tries > 50 || _redis.HasExited)
            {
                throw new InvalidOperationException($"Redis did not start on port {port}; its log: {LogOf("redis")}");
            }

            await Task.Delay(100, cancellation);
        }
    }

    // Output goes to a log file, so that a long run does not fill a pipe nobody reads.
    private static Process StartLogged(ProcessStartInfo info, string log)
    {
        var process = Process.Start(info)!;
        var gate = new object();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    File.AppendAllText(log, line + Environment.NewLine);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
