namespace HeteroOrleans.Grains.Hosting;

/// <summary>What one silo is: its tiers, the devices it hosts and where its models are.</summary>
/// <param name="Tiers">Tiers the silo is tagged with; grains of other tiers never activate on it.</param>
/// <param name="Devices">Devices this silo hosts; each must belong to one of <paramref name="Tiers"/>.</param>
/// <param name="ModelsDirectory">Folder holding <c>models.json</c>.</param>
public sealed record HeteroSiloSetup(IReadOnlyList<Tier> Tiers, IReadOnlyList<DeviceProfile> Devices, string ModelsDirectory)
{
    /// <summary>The profile of hosted device <paramref name="id"/>, or null when this silo does not host it.</summary>
    public DeviceProfile? FindDevice(string id) => Devices.FirstOrDefault(d => d.Id == id);
}
