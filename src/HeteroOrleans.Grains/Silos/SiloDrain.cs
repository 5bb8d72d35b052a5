using System.Collections.Concurrent;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// Whether this silo is leaving the cluster, and which of its grains must move to another silo when it does: jobs that
/// run and the inference service, which hold work in memory. Device grains stay: each belongs to its silo.
/// </summary>
public sealed class SiloDrain
{
    private readonly ConcurrentDictionary<GrainId, byte> _movable = new();
    private volatile bool _draining;

    /// <summary>True once the silo has begun to leave: readiness says so, and nothing new should come to it.</summary>
    public bool IsDraining => _draining;

    /// <summary>The grains that must move before the silo stops.</summary>
    public IReadOnlyCollection<GrainId> Movable => [.. _movable.Keys];

    /// <summary>The silo begins to leave.</summary>
    public void Begin() => _draining = true;

    /// <summary>A grain that holds work in memory is active here.</summary>
    public void Hosts(GrainId grain) => _movable.TryAdd(grain, 0);

    /// <summary>That grain's activation here has ended (deactivated or moved).</summary>
    public void Left(GrainId grain) => _movable.TryRemove(grain, out _);
}
