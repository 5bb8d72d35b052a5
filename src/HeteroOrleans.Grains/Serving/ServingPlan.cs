using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>The devices the service serves on now, and the pipeline composed over them.</summary>
/// <param name="Devices">The devices chosen and the scheme over them.</param>
/// <param name="Batcher">Forms requests into batches and runs them through the pipeline.</param>
/// <param name="Ending">Cancelled when the service stops; a replaced plan's room server stops once nothing waits.</param>
/// <param name="Cuts">Where each untrusted device's model is cut now.</param>
/// <param name="Links">Moves the cuts, and the scheme's view of the links, as the links are measured to change.</param>
internal sealed record ServingPlan(JobDevices Devices, RequestBatcher Batcher, CancellationToken Ending, CutTable Cuts, CutFollower Links)
{
    /// <summary>True once a newer plan took over.</summary>
    public bool Replaced { get; set; }

    /// <summary>True when <paramref name="available"/> are the devices this plan serves on.</summary>
    public bool Covers(IEnumerable<DeviceProfile> available) =>
        Devices.Profiles.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(available.Select(d => d.Id));

    /// <summary>The tier of device <paramref name="id"/>.</summary>
    public Tier? TierOf(string? id) => id is not null && Devices.Profiles.TryGetValue(id, out var profile) ? profile.Tier : null;
}
