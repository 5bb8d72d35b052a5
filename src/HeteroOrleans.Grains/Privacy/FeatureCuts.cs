namespace HeteroOrleans.Grains.Privacy;

/// <summary>
/// Decides, when a job starts, where the model of each untrusted fine-stage device is cut for encryption, as the job's
/// split asks: each model's manifest split, one tensor for all, or (auto) per device the legal cut with the least
/// expected time for its link and the devices' speeds. A job whose cut cannot be made is refused before any work,
/// naming the model, the tensor and what would run it.
/// </summary>
public static class FeatureCuts
{
    /// <summary>An auto cut in use is kept unless another is expected faster by more than this share: close costs do not flip-flop.</summary>
    public const double KeepMargin = 0.10;

    /// <summary>
    /// The cut for each untrusted fine-stage device of the job; empty when privacy is off. Under auto, a device's
    /// <paramref name="current"/> cut (a running job's) is kept unless another is expected faster by <see cref="KeepMargin"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A model has no legal cut at the asked tensor.</exception>
    public static Dictionary<string, FeatureCut> Plan(
        JobSpec spec, IReadOnlyCollection<DeviceProfile> devices, SharedClassifiers classifiers, IReadOnlyDictionary<string, FeatureCut>? current = null)
    {
        var plan = new Dictionary<string, FeatureCut>(StringComparer.Ordinal);
        if (spec.Privacy == PrivacyMode.Off)
        {
            return plan;
        }

        var models = classifiers.Store;
        var encryptorTier = EncryptorTier(spec);
        var encryptors = Encryptors(spec, devices);
        var fineTiers = SchemeRoles.FineTiers(spec.Scheme);
        var targets = devices.Where(d => !d.Trusted && fineTiers.Contains(d.Tier)).ToList();
        // End devices run every image's coarse stage; edges their share of fine stages where the scheme uses them.
        var busyOtherwise = encryptorTier == Tier.End || fineTiers.Contains(encryptorTier);
        var trusted = new Lazy<Trusted>(() => new Trusted(
            MedianMsPerFlop(encryptors, classifiers),
            (double)encryptors.Count / targets.Count,
            busyOtherwise ? Median(encryptors.Where(d => d.MsPerImage > 0).Select(d => d.MsPerImage)) : 0));
        var chosen = new Dictionary<(string Model, double MsPerImage, double Mbps, string? Current), string>();
        var trustedFlops = new Lazy<double>(() => Median(encryptors
            .Where(d => classifiers.Store.Manifest.Contains(d.ModelId) && classifiers.Store.IsBuilt(d.ModelId))
            .Select(d => classifiers.GetCuts(d.ModelId).TotalFlops)));
        foreach (var target in targets)
        {
            // A model unknown here, or not built yet, is cut at its manifest split: the device that needs it builds it
            // on first use and names any problem then.
            var known = models.Manifest.Contains(target.ModelId) && models.IsBuilt(target.ModelId);
            var entry = models.Manifest.Contains(target.ModelId) ? models.Manifest.Get(target.ModelId) : null;
            var tensor = spec.Split switch
            {
                _ when !known => entry?.Split ?? OnnxGraphBuilder.FirstConvolutionName,
                JobSpec.AutoSplit => chosen.TryGetValue((target.ModelId, target.MsPerImage, target.Link.BandwidthMbps, current?.GetValueOrDefault(target.Id)?.Tensor), out var same)
                    ? same
                    : chosen[(target.ModelId, target.MsPerImage, target.Link.BandwidthMbps, current?.GetValueOrDefault(target.Id)?.Tensor)] =
                        Auto(spec, target, entry!, trusted, devices, classifiers, current?.GetValueOrDefault(target.Id)?.Tensor),
                JobSpec.ManifestSplit => Checked(spec, target, entry!, entry!.Split, devices, classifiers),
                var named => Checked(spec, target, entry!, named, devices, classifiers),
            };
            plan[target.Id] = new FeatureCut(target.ModelId, tensor, spec.FeaturePrecision, known ? HeadWork(target.ModelId, tensor, trustedFlops.Value, classifiers) : 0);
        }

        return plan;
    }

    /// <summary>The trusted devices that run the heads of <paramref name="spec"/>'s cut models: its edges under EncryptAtEdge, else its end devices.</summary>
    public static List<DeviceProfile> Encryptors(JobSpec spec, IEnumerable<DeviceProfile> devices) =>
        [.. devices.Where(d => d.Trusted && d.Tier == EncryptorTier(spec))];

    /// <summary>The plan in a few words for the job's plan line: each model's cut and precision, and for how many devices.</summary>
    public static string Describe(IReadOnlyDictionary<string, FeatureCut> plan) =>
        string.Join("; ", plan.Values.GroupBy(c => c).OrderBy(g => g.Key.ModelId, StringComparer.Ordinal)
            .Select(g => $"{g.Key.ModelId} cut at '{g.Key.Tensor}' ({g.Key.Precision}) for {g.Count()} untrusted device(s)"));

    // The cut with the least expected time. Where a speed is unknown nothing can be weighed: the manifest's cut, or the
    // first legal one should the manifest name none.
    private static string Auto(
        JobSpec spec, DeviceProfile target, ModelEntry entry, Lazy<Trusted> trusted, IReadOnlyCollection<DeviceProfile> devices, SharedClassifiers classifiers, string? current)
    {
        var cuts = classifiers.GetCuts(target.ModelId);
        if (cuts.Cuts.Count == 0)
        {
            return Checked(spec, target, entry, entry.Split, devices, classifiers);
        }

        if (target.MsPerImage <= 0 || double.IsNaN(trusted.Value.MsPerFlop))
        {
            return cuts.Find(entry.Split)?.Tensor ?? cuts.Cuts[0].Tensor;
        }

        var costs = new CutCosts(
            trusted.Value.MsPerFlop, target.MsPerImage / cuts.TotalFlops, target.Link.BandwidthMbps, FeatureEncodings.Of(spec.FeaturePrecision),
            trusted.Value.PerTarget, trusted.Value.OwnMsPerImage);
        var best = CutChoice.Best(cuts.Cuts, costs);
        return cuts.Find(current ?? "") is { } kept && CutChoice.ExpectedMsPerImage(kept, costs) <= (1 + KeepMargin) * CutChoice.ExpectedMsPerImage(best, costs)
            ? kept.Tensor
            : best.Tensor;
    }

    private static Tier EncryptorTier(JobSpec spec) => spec.Privacy == PrivacyMode.EncryptAtEdge ? Tier.Edge : Tier.End;

    private static string Checked(JobSpec spec, DeviceProfile target, ModelEntry entry, string tensor, IReadOnlyCollection<DeviceProfile> devices, SharedClassifiers classifiers)
    {
        var cuts = classifiers.GetCuts(entry.Id);
        if (cuts.Find(tensor) is not null)
        {
            return tensor;
        }

        var users = devices.Where(d => !d.Trusted && d.ModelId == entry.Id).Select(d => d.Id).ToList();
        var named = string.Join(", ", users.Take(16)) + (users.Count > 16 ? $" and {users.Count - 16} more" : string.Empty);
        var legal = string.Join(", ", cuts.Cuts.Take(12).Select(c => c.Tensor)) + (cuts.Cuts.Count > 12 ? ", …" : string.Empty);
        throw new ArgumentException(
            $"Privacy {spec.Privacy}: untrusted device(s) {named} run model '{entry.Id}', which has no legal cut at '{tensor}' " +
            $"(a cut must come at or after the first convolution, with no shortcut across it). Its cuts: {(legal.Length > 0 ? legal : "none")}; " +
            $"`hetero models cuts {entry.Id}` lists them. Run with --split auto, or --privacy Off to send raw pixels.");
    }

    // The trusted devices' time per operation of their own model, from their profiles; NaN when none has a known speed.
    private static double MedianMsPerFlop(IEnumerable<DeviceProfile> trusted, SharedClassifiers classifiers)
    {
        var models = classifiers.Store;
        return Median(trusted
            .Where(d => d.MsPerImage > 0 && models.Manifest.Contains(d.ModelId) && models.IsBuilt(d.ModelId))
            .GroupBy(d => (d.ModelId, d.MsPerImage))
            .SelectMany(g => Enumerable.Repeat(g.Key.MsPerImage / classifiers.GetCuts(g.Key.ModelId).TotalFlops, g.Count())));
    }

    // The head's operations in images of the trusted devices' own model; 0 when either is unknown.
    private static double HeadWork(string modelId, string tensor, double trustedFlops, SharedClassifiers classifiers) =>
        classifiers.GetCuts(modelId).Find(tensor) is { } cut && trustedFlops > 0 && double.IsFinite(trustedFlops) ? cut.HeadFlops / trustedFlops : 0;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    // The trusted devices that run heads, as the choice weighs them.
    private sealed record Trusted(double MsPerFlop, double PerTarget, double OwnMsPerImage);
}
