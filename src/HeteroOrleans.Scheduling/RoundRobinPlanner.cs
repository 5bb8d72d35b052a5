using HeteroOrleans.Contracts.Jobs;
namespace HeteroOrleans.Scheduling;

/// <summary>
/// The paper's sequential schemes: task i goes to end device i mod N_end for its coarse stage and, for
/// End-Cloud and End-Edge, to upper device i mod N_upper for its fine stage (section 3.4, eqs. 1-3).
/// </summary>
public sealed class RoundRobinPlanner : ITaskPlanner
{
    private readonly IReadOnlyList<string> _end;
    private readonly IReadOnlyList<string> _upper;

    private RoundRobinPlanner(IReadOnlyList<string> end, IReadOnlyList<string> upper)
    {
        _end = end;
        _upper = upper;
    }

    /// <summary>Creates the planner for <paramref name="scheme"/>, or throws when a needed tier has no device.</summary>
    /// <exception cref="SchedulingException">A tier the scheme needs has no device.</exception>
    public static RoundRobinPlanner Create(SchedulingScheme scheme, DeviceSet devices)
    {
        Require(devices.End, "end", scheme);
        IReadOnlyList<string> upper = scheme switch
        {
            SchedulingScheme.End => [],
            SchedulingScheme.EndCloud => Require(devices.Cloud, "cloud", scheme),
            SchedulingScheme.EndEdge => Require(devices.Edge, "edge", scheme),
            SchedulingScheme.Mapping => throw new SchedulingException("Scheme Mapping is planned by MappingPlanner, which needs the tiers' costs."),
            _ => throw new SchedulingException($"Unknown scheme '{scheme}'. Known: {string.Join(", ", Enum.GetNames<SchedulingScheme>())}."),
        };
        return new RoundRobinPlanner(devices.End, upper);
    }

    /// <inheritdoc />
    public TaskAssignment Assign(int taskIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskIndex);
        var fine = _upper.Count == 0 ? null : _upper[taskIndex % _upper.Count];
        return new TaskAssignment(_end[taskIndex % _end.Count], fine);
    }

    private static IReadOnlyList<string> Require(IReadOnlyList<string> ids, string tier, SchedulingScheme scheme) =>
        ids.Count > 0
            ? ids
            : throw new SchedulingException($"Scheme {scheme} needs at least one {tier} device, and none is available.");
}
