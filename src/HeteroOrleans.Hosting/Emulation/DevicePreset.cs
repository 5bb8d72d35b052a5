using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeteroOrleans.Hosting.Emulation;

/// <summary>
/// Emulated device profiles per tier: how one machine stands in for the paper's 13 (8 single-core end devices,
/// 4 four-core edges, one GPU cloud). Applying a preset turns every device of a silo config into an emulated one.
/// </summary>
public sealed record DevicePreset(string Name, IReadOnlyDictionary<Tier, TierProfile> Tiers)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The paper's Table 2: processing 10.4 / 8.4 / 10.8 ms per image on end, edge and cloud, links 0 / 0.5 s / 1 s.</summary>
    public static DevicePreset Paper { get; } = new("paper (Table 2)", new Dictionary<Tier, TierProfile>
    {
        [Tier.End] = new(10.4, 0),
        [Tier.Edge] = new(8.4, 500),
        [Tier.Cloud] = new(10.8, 1000),
    });

    /// <summary><c>paper</c>, or the path of a preset file (as <c>hetero bench calibrate</c> writes).</summary>
    /// <exception cref="ArgumentException">The file is missing, malformed or lacks a tier.</exception>
    public static DevicePreset Load(string nameOrPath)
    {
        if (string.Equals(nameOrPath, "paper", StringComparison.OrdinalIgnoreCase))
        {
            return Paper;
        }

        if (!File.Exists(nameOrPath))
        {
            throw new ArgumentException($"--preset '{nameOrPath}': not 'paper' and no such file.");
        }

        try
        {
            var preset = JsonSerializer.Deserialize<DevicePreset>(File.ReadAllText(nameOrPath), Json);
            var missing = Enum.GetValues<Tier>().Where(t => preset?.Tiers?.ContainsKey(t) != true).ToList();
            if (preset is null || missing.Count > 0)
            {
                throw new ArgumentException($"{nameOrPath}: preset lacks tier(s) {string.Join(", ", missing)}.");
            }

            var wrong = preset.Tiers.SelectMany(t => Problems(t.Key, t.Value)).ToList();
            return wrong.Count == 0 ? preset : throw new ArgumentException($"{nameOrPath}: {string.Join("; ", wrong)}.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{nameOrPath}: not a valid preset ({e.Message}).");
        }
    }

    private static IEnumerable<string> Problems(Tier tier, TierProfile profile)
    {
        if (!(profile.MsPerImage > 0))
        {
            yield return $"Tiers:{tier}:MsPerImage: '{profile.MsPerImage}' is not a positive number";
        }

        foreach (var (name, value) in new[] { ("MsPerBatch", profile.MsPerBatch), ("RoundTripLatencyMs", profile.RoundTripLatencyMs), ("BandwidthMbps", profile.BandwidthMbps) })
        {
            if (!(value >= 0))
            {
                yield return $"Tiers:{tier}:{name}: '{value}' is not a non-negative number";
            }
        }
    }

    /// <summary>Writes the preset as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>
    /// <paramref name="settings"/> with every device emulated by its tier's profile, all times divided by
    /// <paramref name="timeScale"/> (so a 5-minute experiment runs in 15 s at scale 20; multiply measured times back).
    /// </summary>
    public SiloSettings ApplyTo(SiloSettings settings, double timeScale = 1) => settings with
    {
        Devices = settings.Devices.Select(d => Tiers[d.Tier] is var tier
            ? d with
            {
                ComputeMode = ComputeMode.Emulated,
                MsPerImage = tier.MsPerImage / timeScale,
                MsPerBatch = tier.MsPerBatch / timeScale,
                Link = new LinkProfile(tier.RoundTripLatencyMs / timeScale, tier.BandwidthMbps * timeScale),
            }
            : d).ToList(),
    };
}
