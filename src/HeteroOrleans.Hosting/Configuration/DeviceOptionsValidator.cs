namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks one <c>Silo:Devices</c> entry on its own: id (and its numbering pattern), tier, model and the numbers. What
/// depends on the rest of the silo (its tiers, ids given twice) is checked by <see cref="HeteroSiloOptionsValidator"/>,
/// and whether the model exists and fits the tier by <see cref="SiloModelCheck"/>, which reads the model files.
/// </summary>
public sealed class DeviceOptionsValidator : SectionValidator<DeviceOptions>
{
    // Past these a batch holds more memory than it saves time, and a wait for company costs more than any batch saves.
    private const int MaxBatchLimit = 4096;
    private const double MaxQueueDelayLimitMs = 1000;

    /// <inheritdoc />
    protected override string DefaultSection => $"{HeteroSiloOptions.SectionName}:Devices";

    /// <inheritdoc />
    /// <param name="key">The entry's key (<c>Silo:Devices:2</c>), which every message starts with.</param>
    /// <param name="options">The entry.</param>
    /// <param name="errors">Where the problems go.</param>
    protected override void Check(string key, DeviceOptions options, List<string> errors)
    {
        CheckId(key, options, errors);
        if (options.Tier is null)
        {
            errors.Add($"{key}:Tier: missing (End, Edge or Cloud)");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            errors.Add($"{key}:Model: missing");
        }

        if (options.IntraOpThreads < 1)
        {
            errors.Add($"{key}:IntraOpThreads: must be at least 1");
        }

        if (options.ComputeMode == ComputeMode.Emulated && options.MsPerImage <= 0)
        {
            errors.Add($"{key}:MsPerImage: an Emulated device needs its inference time per image (> 0)");
        }

        if (options.MaxBatch is < 1 or > MaxBatchLimit)
        {
            errors.Add($"{key}:MaxBatch: {options.MaxBatch} images; must be 1 to {MaxBatchLimit}");
        }

        if (options.MaxQueueDelayMs is < 0 or > MaxQueueDelayLimitMs || double.IsNaN(options.MaxQueueDelayMs))
        {
            errors.Add($"{key}:MaxQueueDelayMs: '{options.MaxQueueDelayMs}' ms; must be 0 to {MaxQueueDelayLimitMs} (work waiting longer for company would miss its deadline)");
        }

        foreach (var (setting, value) in new[]
                 {
                     ("MsPerImage", options.MsPerImage), ("MsPerBatch", options.MsPerBatch), ("FailAfterTasks", options.FailAfterTasks),
                     ("Link:LatencyMs", options.Link.LatencyMs), ("Link:BandwidthMbps", options.Link.BandwidthMbps),
                 })
        {
            if (value < 0)
            {
                errors.Add($"{key}:{setting}: '{value}' is not a non-negative number");
            }
        }
    }

    // An entry for many devices numbers them with its pattern, which must be a format string with {0}.
    private static void CheckId(string key, DeviceOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Id))
        {
            errors.Add($"{key}:Id: missing");
            return;
        }

        if (options.Count < 1)
        {
            errors.Add($"{key}:Count: {options.Count} devices; must be at least 1");
            return;
        }

        if (options.Count > 1 && !options.Id.Contains("{0", StringComparison.Ordinal))
        {
            errors.Add($"{key}:Id: '{options.Id}' stands for {options.Count} devices and needs {{0}} for each one's number, as in end-{{0:D5}}");
            return;
        }

        try
        {
            _ = options.Ids().Count();
        }
        catch (FormatException)
        {
            errors.Add($"{key}:Id: '{options.Id}' is not a valid id pattern (use {{0}} or {{0:D5}} for the device's number; double any other brace)");
        }
    }
}
