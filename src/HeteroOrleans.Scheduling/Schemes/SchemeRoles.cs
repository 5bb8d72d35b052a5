namespace HeteroOrleans.Scheduling;

/// <summary>
/// Which tiers serve each stage of a scheme: the coarse stage always the end devices; the fine stage the cloud
/// (End-Cloud), the edges (End-Edge), edges and cloud (Mapping, Adaptive), or nobody (End). The one place that says so.
/// </summary>
public static class SchemeRoles
{
    /// <summary>The tiers whose devices run <paramref name="scheme"/>'s fine stage, edges first; empty for End.</summary>
    /// <exception cref="SchedulingException">An unknown scheme.</exception>
    public static IReadOnlyList<Tier> FineTiers(SchedulingScheme scheme) => scheme switch
    {
        SchedulingScheme.End => [],
        SchedulingScheme.EndCloud => [Tier.Cloud],
        SchedulingScheme.EndEdge => [Tier.Edge],
        SchedulingScheme.Mapping or SchedulingScheme.Adaptive => [Tier.Edge, Tier.Cloud],
        _ => throw new SchedulingException($"Unknown scheme '{scheme}'. Known: {string.Join(", ", Enum.GetNames<SchedulingScheme>())}."),
    };

    /// <summary>
    /// The role <paramref name="scheme"/> needs that <paramref name="live"/> has no device for, in words ("an Edge
    /// device", "an Edge or Cloud device"); null when every role it needs has one.
    /// </summary>
    public static string? Missing(SchedulingScheme scheme, DeviceSet live)
    {
        if (live.End.Count == 0)
        {
            return "an End device";
        }

        var fine = FineTiers(scheme);
        return fine.Count > 0 && live.Of(fine).Count == 0
            ? $"{(fine[0] == Tier.Edge ? "an" : "a")} {string.Join(" or ", fine)} device"
            : null;
    }
}
