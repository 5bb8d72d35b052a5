using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// The tiers and devices a silo declares, carried in Orleans silo metadata so that every silo (and the
/// dashboard) sees them without a registry of its own: a silo that leaves membership takes its devices along.
/// </summary>
public sealed record SiloDeviceMetadata(IReadOnlySet<Tier> Tiers, IReadOnlySet<string> DeviceIds, IReadOnlyList<DeviceProfile> Devices)
{
    /// <summary>Metadata key of the comma-separated tiers, e.g. <c>End,Edge</c>.</summary>
    public const string TiersKey = "tier";

    /// <summary>Metadata key of the comma-separated device ids.</summary>
    public const string DeviceIdsKey = "devices";

    /// <summary>Metadata key of the devices' profiles as JSON.</summary>
    public const string ProfilesKey = "device-profiles";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The metadata entries for a silo with <paramref name="tiers"/> hosting <paramref name="devices"/>.</summary>
    public static Dictionary<string, string> Write(IEnumerable<Tier> tiers, IReadOnlyList<DeviceProfile> devices) => new()
    {
        [TiersKey] = string.Join(",", tiers),
        [DeviceIdsKey] = string.Join(",", devices.Select(d => d.Id)),
        [ProfilesKey] = JsonSerializer.Serialize(devices, Json),
    };

    /// <summary>Reads what a silo declared; a silo without these keys declares nothing.</summary>
    public static SiloDeviceMetadata Read(SiloMetadata metadata) => Read(metadata.Metadata);

    /// <summary>Reads what a silo declared from its raw metadata.</summary>
    public static SiloDeviceMetadata Read(IReadOnlyDictionary<string, string> metadata)
    {
        var tiers = metadata.TryGetValue(TiersKey, out var t)
            ? t.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Tier>).ToImmutableHashSet()
            : [];
        var ids = metadata.TryGetValue(DeviceIdsKey, out var d)
            ? d.Split(',', StringSplitOptions.RemoveEmptyEntries).ToImmutableHashSet()
            : [];
        var profiles = metadata.TryGetValue(ProfilesKey, out var p)
            ? JsonSerializer.Deserialize<DeviceProfile[]>(p, Json) ?? []
            : [];
        return new SiloDeviceMetadata(tiers, ids, profiles);
    }
}
