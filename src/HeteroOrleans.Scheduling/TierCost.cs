namespace HeteroOrleans.Scheduling;

/// <summary>The paper's per-task times of one tier (section 3.4).</summary>
/// <param name="CommunicationSeconds">t^c: round-trip link time of one task from the task assigner.</param>
/// <param name="ProcessingSeconds">t^p: processing time of one task on one device.</param>
public readonly record struct TierCost(double CommunicationSeconds, double ProcessingSeconds)
{
    /// <summary>t^c + t^p: how long one device is occupied by one task, link included.</summary>
    public double PerTaskSeconds => CommunicationSeconds + ProcessingSeconds;

    /// <summary>The cost of a task of <paramref name="batch"/> images on a device taking <paramref name="msPerImage"/>, over a link of <paramref name="roundTripMs"/>.</summary>
    public static TierCost Of(double msPerImage, int batch, double roundTripMs) => new(roundTripMs / 1000, msPerImage * batch / 1000);
}
