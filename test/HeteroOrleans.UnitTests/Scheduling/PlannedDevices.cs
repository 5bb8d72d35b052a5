namespace HeteroOrleans.UnitTests.Scheduling;

/// <summary>Emulated devices for the planners' tests: a cloud untrusted, every other device trusted.</summary>
internal static class PlannedDevices
{
    /// <summary>Device <paramref name="id"/> of <paramref name="tier"/> at <paramref name="msPerImage"/>, behind a link of <paramref name="roundTripMs"/> and <paramref name="mbps"/> (0: unlimited).</summary>
    public static DeviceProfile Emulated(string id, Tier tier, double msPerImage, double roundTripMs = 0, double mbps = 0) =>
        new(id, tier, "model", tier != Tier.Cloud, new LinkProfile(roundTripMs, mbps), ComputeMode.Emulated, 1, MsPerImage: msPerImage);
}
