namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Refuses, before any work, a job that would have to encrypt for an untrusted device whose model cannot be cut at its
/// manifest's split tensor: every task would otherwise fail at its fine stage. The model and the missing tensor are
/// named, and so is the option that would run the job anyway.
/// </summary>
internal static class EncryptionCuts
{
    // The tiers whose devices run a scheme's fine stage (Mapping sends what the edges cannot take to the cloud).
    private static Tier[] FineTargets(SchedulingScheme scheme) => scheme switch
    {
        SchedulingScheme.EndCloud => [Tier.Cloud],
        SchedulingScheme.EndEdge => [Tier.Edge],
        SchedulingScheme.Mapping or SchedulingScheme.Adaptive => [Tier.Edge, Tier.Cloud],
        _ => [],
    };

    /// <exception cref="ArgumentException">An untrusted fine-stage model has no cut for the encryption head.</exception>
    public static void Check(JobSpec spec, IEnumerable<DeviceProfile> devices, ModelStore models)
    {
        if (spec.Privacy == PrivacyMode.Off)
        {
            return;
        }

        foreach (var group in devices.Where(d => !d.Trusted && FineTargets(spec.Scheme).Contains(d.Tier)).GroupBy(d => d.ModelId))
        {
            // A model not built here yet is built on first use by the devices that need it; it is checked then.
            if (!models.Manifest.Contains(group.Key) || !models.IsBuilt(group.Key))
            {
                continue;
            }

            var entry = models.Manifest.Get(group.Key);
            try
            {
                GraphSplitter.Split(OnnxFiles.Read(models.Manifest.PathOf(entry)), entry.Split);
            }
            catch (ModelManifestException e)
            {
                throw new ArgumentException(
                    $"Privacy {spec.Privacy}: untrusted device(s) {string.Join(", ", group.Select(d => d.Id))} run model '{entry.Id}', " +
                    $"which has no cut for an encryption head ({e.Message.Split('\n', 2)[0].TrimEnd('.')}). Run with --privacy Off to send them " +
                    $"raw pixels, or give them a model with a '{entry.Split}' tensor.");
            }
        }
    }
}
