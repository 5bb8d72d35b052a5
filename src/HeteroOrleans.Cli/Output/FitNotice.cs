namespace HeteroOrleans.Cli.Output;

/// <summary>
/// Says when the models that answer were fitted on synthetic pictures only: their answers on real pictures are then
/// not meaningful, however confident they look, and a user must be told so rather than shown "motorcycle 98 %".
/// </summary>
internal static class FitNotice
{
    /// <summary>The notice for <paramref name="modelIds"/>, as this machine's model folder records their fitting; null when there is nothing to say.</summary>
    public static string? For(IEnumerable<string> modelIds)
    {
        ModelStore store;
        try
        {
            store = ModelStore.Open();
        }
        catch (ModelManifestException)
        {
            // A client without the models cannot tell how they were fitted.
            return null;
        }

        var synthetic = modelIds.Distinct()
            .Where(id => store.Manifest.Contains(id) && store.FitReportOf(id) is { } fit && fit.Data.StartsWith("synthetic", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return synthetic.Count == 0 ? null
            : $"The classifiers of {string.Join(", ", synthetic)} were fitted on synthetic pictures only: answers on real pictures are not meaningful. " +
              "Fit each on CIFAR-100 with 'hetero models fit MODEL --data DIR', or bring trained models.";
    }

    /// <summary>The notice for the models of the devices the cluster has now.</summary>
    public static async Task<string?> ForClusterAsync(IGrainFactory grains)
    {
        try
        {
            var devices = await grains.GetDeviceMonitor().GetAvailableAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return For(devices.Select(d => d.Profile.ModelId));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return null;
        }
    }
}
