using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Hosting;
using HeteroOrleans.Hosting.Emulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Hosting.InProcess;

/// <summary>
/// Several silos in this process (one per silo config), started in order: the first is the primary the
/// others join. Used by <c>hetero demo</c>.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>The configs the demo starts, in order, from the silo-configs folder.</summary>
    public static IReadOnlyList<string> DemoConfigFiles { get; } = ["end.json", "edge.json", "cloud.json"];

    private readonly List<WebApplication> _silos = [];
    private readonly HashSet<string> _killed = new(StringComparer.Ordinal);

    // Silos started after the cluster, by name: machines that come up while it runs.
    private readonly Dictionary<string, WebApplication> _added = new(StringComparer.Ordinal);

    private LocalCluster(IReadOnlyList<SiloSettings> settings) => Settings = settings;

    /// <summary>The silos' settings, in start order.</summary>
    public IReadOnlyList<SiloSettings> Settings { get; }

    /// <summary>Grain access through the first silo.</summary>
    public IGrainFactory Grains => _silos[0].Services.GetRequiredService<IGrainFactory>();

    /// <summary>The dashboard URL of each silo.</summary>
    public IEnumerable<(string Silo, string Url)> Dashboards =>
        _silos.Zip(Settings, (app, s) => (s.Name, app.Urls.FirstOrDefault() ?? "?"));

    /// <summary>The service <typeparamref name="T"/> of every silo not killed: what a bench changes in all of them at once.</summary>
    public IEnumerable<T> SiloServices<T>() where T : notnull =>
        _silos.Zip(Settings).Where(p => !_killed.Contains(p.Second.Name)).Select(p => p.First.Services.GetRequiredService<T>());

    /// <summary>The silos not killed, by name.</summary>
    public IReadOnlyList<SiloSettings> Live => Settings.Where(s => !_killed.Contains(s.Name)).ToList();

    /// <summary>The name of the silo at <paramref name="siloAddress"/> (as grains report it), or null.</summary>
    public string? NameOf(string? siloAddress) =>
        _silos.Zip(Settings).FirstOrDefault(p => p.First.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString() == siloAddress).Second?.Name;

    /// <summary>
    /// Stops silo <paramref name="name"/> at once, without a graceful shutdown: its grains are lost, its work in flight
    /// with them. (In one process the silo still tells the others it is gone; a killed process would not.)
    /// </summary>
    public async Task KillAsync(string name)
    {
        var index = Settings.Select((s, i) => (s, i)).Single(p => p.s.Name == name).i;
        if (!_killed.Add(name))
        {
            return;
        }

        try
        {
            await _silos[index].StopAsync(new CancellationToken(canceled: true));
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or ObjectDisposedException)
        {
            // A silo stopped without grace may complain on the way down; it is down either way.
        }
    }

    /// <summary>
    /// Starts one more silo, <paramref name="silo"/>, that joins the running cluster as a machine that comes up would
    /// (its ports and device ids must be its own); <see cref="RemoveAsync"/> stops it.
    /// </summary>
    public async Task AddAsync(SiloSettings silo, CancellationToken cancellation)
    {
        if (_added.ContainsKey(silo.Name) || Settings.Any(s => s.Name == silo.Name))
        {
            throw new ArgumentException($"The cluster has a silo named '{silo.Name}' already.", nameof(silo));
        }

        var app = SiloHost.Build(silo, SiloHost.ErrorsOnlyLogging, embedded: true);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch
        {
            await DisposeQuietlyAsync(app);
            throw;
        }

        _added[silo.Name] = app;
    }

    /// <summary>Stops silo <paramref name="name"/>, started by <see cref="AddAsync"/>, gracefully: its devices leave the cluster.</summary>
    public async Task RemoveAsync(string name)
    {
        if (!_added.Remove(name, out var app))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await DisposeQuietlyAsync(app);
        }
    }

    /// <summary>An Orleans client of this cluster that knows every silo's gateway, as a user's client would.</summary>
    public Task<IHost> ConnectClientAsync(CancellationToken cancellation) => GatewayClient.ConnectAsync(
        [.. Settings.Select(s => new IPEndPoint(IPAddress.Loopback, s.Options.GatewayPort))], Settings[0].Options.ClusterId, Settings[0].Options.ServiceId, cancellation);

    /// <summary>The default silo-configs folder: the nearest <c>silo-configs</c> from the current folder up, else the copy next to the program.</summary>
    public static string DefaultConfigDirectory()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "silo-configs");
            if (File.Exists(Path.Combine(candidate, DemoConfigFiles[0])))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "silo-configs");
    }

    /// <summary>
    /// Reads and checks every config; <paramref name="models"/> replaces each device's model by its tier's, and
    /// <paramref name="preset"/> emulates every device by its tier's profile, times divided by <paramref name="timeScale"/>.
    /// </summary>
    /// <exception cref="SiloConfigException">A config is invalid.</exception>
    public static IReadOnlyList<SiloSettings> LoadSettings(
        string configDirectory, IReadOnlyDictionary<Tier, string>? models, DevicePreset? preset = null, double timeScale = 1)
    {
        var settings = DemoConfigFiles
            .Select(f => SiloConfigLoader.LoadFile(Path.Combine(configDirectory, f)))
            .Select(s => models is null ? s : s with { Devices = s.Devices.Select(d => d with { ModelId = models[d.Tier] }).ToList() })
            .Select(s => preset is null ? s : preset.ApplyTo(s, timeScale))
            .ToList();
        ClusterLayoutCheck.Check(settings, configDirectory);
        return settings;
    }

    /// <summary>Starts the silos of <paramref name="settings"/> in order.</summary>
    /// <param name="settings">The silos.</param>
    /// <param name="cancellation">Stops the start.</param>
    /// <param name="logging">The silos' logging configuration; default errors only.</param>
    public static async Task<LocalCluster> StartAsync(IReadOnlyList<SiloSettings> settings, CancellationToken cancellation, IConfiguration? logging = null)
    {
        var cluster = new LocalCluster(settings);
        try
        {
            foreach (var silo in settings)
            {
                var app = SiloHost.Build(silo, logging ?? SiloHost.ErrorsOnlyLogging, embedded: true);
                try
                {
                    // Orleans keeps the token a silo started with for the silo's background loops: give it one that
                    // only the start may cancel, so that Ctrl+C later stops the job first and then the silos in order,
                    // rather than cutting a running silo's membership loops (it would be declared dead).
                    using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                    await app.StartAsync(starting.Token);
                }
                catch
                {
                    // A silo that failed to start cannot be stopped; dispose it, and report why it failed.
                    await DisposeQuietlyAsync(app);
                    throw;
                }

                cluster._silos.Add(app);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Waits until the device monitor lists every configured device (silo metadata spreads within seconds).</summary>
    public Task WaitForDevicesAsync(TimeSpan timeout, CancellationToken cancellation) =>
        WaitForAllAsync(monitor => monitor.GetDevicesAsync(), "joined", timeout, cancellation);

    /// <summary>
    /// Waits until the device monitor lists every configured device as available: each has answered its probes, so a
    /// job that asks for all of them gets them (on a machine still busy starting, an early probe may go unanswered).
    /// </summary>
    public Task WaitForAvailableAsync(TimeSpan timeout, CancellationToken cancellation) =>
        WaitForAllAsync(monitor => monitor.GetAvailableAsync(), "answered", timeout, cancellation);

    private async Task WaitForAllAsync(
        Func<IDeviceMonitorGrain, Task<IReadOnlyList<DeviceRegistration>>> read, string what, TimeSpan timeout, CancellationToken cancellation)
    {
        var expected = Settings.Sum(s => s.Devices.Count);
        var monitor = Grains.GetDeviceMonitor();
        var deadline = DateTime.UtcNow + timeout;
        while ((await read(monitor)).Count < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only some of the {expected} configured devices {what} within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(200, cancellation);
        }
    }

    private static async Task DisposeQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.DisposeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the silos, last started first.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var name in _added.Keys.ToList())
        {
            await RemoveAsync(name);
        }

        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            if (_killed.Contains(Settings[i].Name))
            {
                await _silos[i].DisposeAsync();
                continue;
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _silos[i].StopAsync(timeout.Token);
            }
            finally
            {
                await _silos[i].DisposeAsync();
            }
        }

        _silos.Clear();
    }
}
