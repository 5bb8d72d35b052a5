using HeteroOrleans.Contracts.Jobs;
namespace HeteroOrleans.Scheduling;

/// <summary>The paper's job-time formulas, eqs. 1-6 of section 3.4, in seconds.</summary>
public static class AnalyticalModel
{
    /// <summary>Eq. 1: T_End = N_t / N_end × (t^c_end + t^p_end).</summary>
    public static double End(SystemShape s) => (double)s.Tasks / s.EndDevices * s.End.PerTaskSeconds;

    /// <summary>Eq. 2: T_End-Cloud = T_End + N_t / N_cloud × (t^c_cloud + t^p_cloud).</summary>
    public static double EndCloud(SystemShape s) => End(s) + (double)s.Tasks / s.CloudDevices * s.Cloud.PerTaskSeconds;

    /// <summary>Eq. 3: T_End-Edge = T_End + N_t / N_edge × (t^c_edge + t^p_edge).</summary>
    public static double EndEdge(SystemShape s) => End(s) + (double)s.Tasks / s.EdgeDevices * s.Edge.PerTaskSeconds;

    /// <summary>Eq. 4: N_map = ⌈(t^c_edge + t^p_edge) / (t^c_end + t^p_end)⌉, at least 1.</summary>
    public static int MappedEndDevicesPerEdge(TierCost end, TierCost edge) =>
        end.PerTaskSeconds <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(edge.PerTaskSeconds / end.PerTaskSeconds - 1e-9));

    /// <summary>Eq. 5: θ_cloud = (N_end − N_edge × N_map) / N_end, the share of tasks sent to the cloud (never negative).</summary>
    public static double CloudShare(SystemShape s) =>
        Math.Max(0, (double)(s.EndDevices - s.EdgeDevices * MappedEndDevicesPerEdge(s.End, s.Edge)) / s.EndDevices);

    /// <summary>Eq. 6: T_Mapping = θ_cloud × T_End-Cloud + θ_edge × T_End-Edge.</summary>
    public static double Mapping(SystemShape s)
    {
        var cloudShare = CloudShare(s);
        return cloudShare * (s.CloudDevices > 0 ? EndCloud(s) : 0) + (1 - cloudShare) * EndEdge(s);
    }

    /// <summary>The formula of <paramref name="scheme"/>.</summary>
    public static double Predict(SchedulingScheme scheme, SystemShape s) => scheme switch
    {
        SchedulingScheme.End => End(s),
        SchedulingScheme.EndCloud => EndCloud(s),
        SchedulingScheme.EndEdge => EndEdge(s),
        SchedulingScheme.Mapping => Mapping(s),
        _ => throw new SchedulingException($"No formula for scheme {scheme}."),
    };
}
