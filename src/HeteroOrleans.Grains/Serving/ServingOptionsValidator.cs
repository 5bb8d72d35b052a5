namespace HeteroOrleans.Grains.Serving;

/// <summary>Refuses a service that could serve nothing: no room, a share outside 0–1, Reassign, or a zero interval.</summary>
public sealed class ServingOptionsValidator : SectionValidator<ServingOptions>
{
    /// <inheritdoc />
    protected override string DefaultSection => "Silo:Serving";

    /// <inheritdoc />
    protected override void Check(string key, ServingOptions options, List<string> errors)
    {
        AtLeastOne(key, nameof(options.MaxInFlight), options.MaxInFlight, errors);
        AtLeastOne(key, nameof(options.MaxBatch), options.MaxBatch, errors);
        LongerThanZero(key, nameof(options.ReplanInterval), options.ReplanInterval, errors);
        if (options.MaxQueueDelay < TimeSpan.Zero || options.MaxQueueDelay > TimeSpan.FromSeconds(1))
        {
            errors.Add($"{key}:{nameof(options.MaxQueueDelay)}: '{options.MaxQueueDelay}' is not between 0 and 1 s (a request waits that long for others to join its batch)");
        }

        LongerThanZero(key, nameof(options.Timeout), options.Timeout, errors);
        if (options.HighPriorityShare is < 0 or >= 1 || double.IsNaN(options.HighPriorityShare))
        {
            errors.Add($"{key}:{nameof(options.HighPriorityShare)}: '{options.HighPriorityShare}' is not a share from 0 up to (not including) 1");
        }

        if (options.Faults == FaultMethod.Reassign)
        {
            errors.Add($"{key}:{nameof(options.Faults)}: Reassign waits for a job's every task before its second pass; a stream has no last task (use Monitor)");
        }
    }
}
