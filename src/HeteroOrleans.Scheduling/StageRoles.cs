using HeteroOrleans.Contracts.Jobs;
namespace HeteroOrleans.Scheduling;

/// <summary>
/// Which devices may run a stage: the role of a device is its tier within the job, and a stage that must move (its
/// device failed, or it straggles and gets a backup copy) moves only to another device of the same role.
/// </summary>
public static class StageRoles
{
    /// <summary>The devices of <paramref name="devices"/> that share <paramref name="device"/>'s role, itself included; empty when it is not in the set.</summary>
    public static IReadOnlyList<string> Peers(DeviceSet devices, string device) =>
        devices.End.Contains(device) ? devices.End
        : devices.Edge.Contains(device) ? devices.Edge
        : devices.Cloud.Contains(device) ? devices.Cloud
        : [];

    /// <summary>
    /// The role <paramref name="scheme"/> needs that <paramref name="live"/> has no device for, in words ("an Edge
    /// device"); null when every role it needs has one. Mapping's and Adaptive's fine stage is served by an edge or the cloud.
    /// </summary>
    public static string? Missing(SchedulingScheme scheme, DeviceSet live)
    {
        if (live.End.Count == 0)
        {
            return "an End device";
        }

        return scheme switch
        {
            SchedulingScheme.EndCloud when live.Cloud.Count == 0 => "a Cloud device",
            SchedulingScheme.EndEdge when live.Edge.Count == 0 => "an Edge device",
            SchedulingScheme.Mapping or SchedulingScheme.Adaptive when live.Edge.Count == 0 && live.Cloud.Count == 0 => "an Edge or Cloud device",
            _ => null,
        };
    }
}
