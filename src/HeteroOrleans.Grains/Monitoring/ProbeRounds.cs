namespace HeteroOrleans.Grains.Monitoring;

/// <summary>
/// Which devices each probe round asks, within the probe budget (<see cref="DeviceMonitorOptions.MaxProbesPerSecond"/>
/// over a round): all of them while they fit, else a budget's worth each round, taking up where the last round stopped,
/// so that every device is probed in turn.
/// </summary>
internal sealed class ProbeRounds(DeviceMonitorOptions options)
{
    private int _cursor;

    /// <summary>Probes one round may send.</summary>
    public int Budget { get; } = (int)Math.Max(1, options.MaxProbesPerSecond * options.ProbeInterval.TotalSeconds);

    /// <summary>The devices of <paramref name="candidates"/> the next round probes.</summary>
    public IReadOnlyList<T> Next<T>(IReadOnlyList<T> candidates)
    {
        if (candidates.Count <= Budget)
        {
            return candidates;
        }

        var from = _cursor % candidates.Count;
        _cursor = from + Budget;
        return [.. candidates.Skip(from).Concat(candidates).Take(Budget)];
    }
}
