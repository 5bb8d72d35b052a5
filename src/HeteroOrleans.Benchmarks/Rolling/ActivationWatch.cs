namespace HeteroOrleans.Benchmarks.Rolling;

/// <summary>
/// Counts device grains that were deactivated on silos that were not restarted: each device names the activation that
/// answers it, which changes only when the grain was deactivated and activated again. A device pinned to its silo that
/// changes activation while its silo runs on lost whatever it held (Orleans issue 9597's symptom).
/// </summary>
/// <param name="grains">A client of the cluster.</param>
/// <param name="devices">Every device of the cluster, by the silo that declares it.</param>
public sealed class ActivationWatch(IGrainFactory grains, IReadOnlyDictionary<string, IReadOnlyList<DeviceProfile>> devices)
{
    private Dictionary<string, string> _before = [];

    /// <summary>Device grains of other silos that were deactivated over the restarts so far.</summary>
    public int Deactivated { get; private set; }

    /// <summary>Devices checked over the restarts so far (each device once per restart of another silo).</summary>
    public int Checked { get; private set; }

    /// <summary>Notes the activation of every device not on <paramref name="restarting"/>, before its restart.</summary>
    public async Task BeforeAsync(string restarting) => _before = await ActivationsAsync(restarting);

    /// <summary>After <paramref name="restarted"/> is ready again: counts the devices of the others whose activation changed.</summary>
    public async Task AfterAsync(string restarted)
    {
        var after = await ActivationsAsync(restarted);
        Checked += _before.Count;
        Deactivated += _before.Count(d => after.GetValueOrDefault(d.Key) != d.Value);
    }

    private async Task<Dictionary<string, string>> ActivationsAsync(string except)
    {
        var others = devices.Where(s => s.Key != except).SelectMany(s => s.Value).ToList();
        var statuses = await Task.WhenAll(others.Select(d => grains.GetDevice(d.Tier, d.Id).GetStatusAsync()));
        return others.Zip(statuses).ToDictionary(p => p.First.Id, p => p.Second.Activation, StringComparer.Ordinal);
    }
}
