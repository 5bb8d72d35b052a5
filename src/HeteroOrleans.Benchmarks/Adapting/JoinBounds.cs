namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>The fluid bounds <see cref="JoinBenchmark"/> weighs its jobs against, from the preset's times for each device of the silos.</summary>
public static class JoinBounds
{
    /// <summary>The bound of <paramref name="images"/> on every device of <paramref name="silos"/> from the start.</summary>
    public static double Of(DevicePreset preset, IReadOnlyList<SiloSettings> silos, int images)
    {
        var (end, upper) = Devices(preset, silos);
        return FluidBound.Makespan(images, end, upper);
    }

    /// <summary>
    /// The bound of a job that has the devices of <paramref name="first"/> from its start and those of <paramref name="late"/>
    /// from <paramref name="lateUpS"/> seconds in: until then, at most the first devices' combined rate of images done
    /// (counted without their link, so never too few); the rest at the rate of all of them, plus the shortest link of
    /// the fine stage for the last answers.
    /// </summary>
    public static double Joining(DevicePreset preset, IReadOnlyList<SiloSettings> first, SiloSettings late, int images, double lateUpS)
    {
        var (end, upper) = Devices(preset, first);
        var firstRate = Math.Min(end.Sum(ms => 1 / ms), upper.Sum(u => 1 / u.MsPerImage));
        var doneBefore = lateUpS * 1000 * firstRate;
        return doneBefore >= images ? Of(preset, first, images) : lateUpS + Of(preset, [.. first, late], images - (int)Math.Floor(doneBefore));
    }

    private static (List<double> End, List<(double MsPerImage, double RoundTripMs)> Upper) Devices(DevicePreset preset, IReadOnlyList<SiloSettings> silos)
    {
        var devices = silos.SelectMany(s => s.Devices).ToList();
        var end = devices.Where(d => d.Tier == Tier.End).Select(_ => preset.Tiers[Tier.End].MsPerImage).ToList();
        var upper = devices.Where(d => d.Tier != Tier.End).Select(d => (preset.Tiers[d.Tier].MsPerImage, preset.Tiers[d.Tier].RoundTripLatencyMs)).ToList();
        return (end, upper);
    }
}
