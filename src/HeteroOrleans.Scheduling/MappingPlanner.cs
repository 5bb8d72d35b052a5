namespace HeteroOrleans.Scheduling;

/// <summary>
/// The paper's Mapping scheme (eqs. 4-5): the first N_map end devices send their fine tasks to the first edge,
/// the next N_map to the second, and so on; end devices left once every edge has its N_map go to the cloud
/// (in turn, when there are several). The coarse stage stays sequential round robin over end devices.
/// </summary>
public sealed class MappingPlanner : ITaskPlanner
{
    private readonly IReadOnlyList<string> _end;
    private readonly IReadOnlyList<string> _fineTarget;

    private MappingPlanner(IReadOnlyList<string> end, IReadOnlyList<string> fineTarget, int mapped)
    {
        _end = end;
        _fineTarget = fineTarget;
        MappedEndDevicesPerEdge = mapped;
    }

    /// <summary>N_map, from eq. 4.</summary>
    public int MappedEndDevicesPerEdge { get; }

    /// <summary>The fine-stage device of each end device, in end-device order.</summary>
    public IReadOnlyList<string> FineTargets => _fineTarget;

    /// <summary>Maps <paramref name="devices"/> using the tiers' per-task times.</summary>
    /// <param name="devices">The devices to map.</param>
    /// <param name="end">The end tier's per-task times.</param>
    /// <param name="edge">The edge tier's per-task times.</param>
    /// <param name="overflowToEdges">
    /// When end devices are left over and there is no cloud, map them to the edges in turn instead of refusing:
    /// how a job re-plans after its cloud failed.
    /// </param>
    /// <exception cref="SchedulingException">No end device, or end devices left over with neither edge nor cloud to take them.</exception>
    public static MappingPlanner Create(DeviceSet devices, TierCost end, TierCost edge, bool overflowToEdges = false)
    {
        if (devices.End.Count == 0)
        {
            throw new SchedulingException("Scheme Mapping needs at least one end device, and none is available.");
        }

        var mapped = AnalyticalModel.MappedEndDevicesPerEdge(end, edge);
        var targets = new string[devices.End.Count];
        var cloudTurn = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var edgeIndex = i / mapped;
            if (edgeIndex < devices.Edge.Count)
            {
                targets[i] = devices.Edge[edgeIndex];
            }
            else if (devices.Cloud.Count > 0)
            {
                targets[i] = devices.Cloud[cloudTurn++ % devices.Cloud.Count];
            }
            else if (overflowToEdges && devices.Edge.Count > 0)
            {
                targets[i] = devices.Edge[i % devices.Edge.Count];
            }
            else
            {
                throw new SchedulingException(
                    $"Scheme Mapping maps {mapped} end device(s) per edge; {devices.Edge.Count} edge(s) take {devices.Edge.Count * mapped} " +
                    $"of the {devices.End.Count} end devices, and there is no cloud for the rest.");
            }
        }

        return new MappingPlanner(devices.End, targets, mapped);
    }

    /// <inheritdoc />
    public TaskAssignment Assign(int taskIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        var endIndex = taskIndex % _end.Count;
        return new TaskAssignment(_end[endIndex], _fineTarget[endIndex]);
    }
}
