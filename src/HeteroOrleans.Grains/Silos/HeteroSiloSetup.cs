namespace HeteroOrleans.Grains.Silos;

/// <summary>What one silo is: its tiers, the devices it hosts and where its models are.</summary>
/// <param name="Tiers">Tiers the silo is tagged with; grains of other tiers never activate on it.</param>
/// <param name="Devices">Devices this silo hosts; each must belong to one of <paramref name="Tiers"/>.</param>
/// <param name="ModelsDirectory">Folder holding <c>models.json</c>.</param>
public sealed record HeteroSiloSetup(IReadOnlyList<Tier> Tiers, IReadOnlyList<DeviceProfile> Devices, string ModelsDirectory)
{
    // A silo may host thousands of devices, each looked up as it activates.
    private readonly Dictionary<string, DeviceProfile> _byId = Devices.DistinctBy(d => d.Id).ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The profile of hosted device <paramref name="id"/>, or null when this silo does not host it.</summary>
    public DeviceProfile? FindDevice(string id) => _byId.GetValueOrDefault(id);
}
