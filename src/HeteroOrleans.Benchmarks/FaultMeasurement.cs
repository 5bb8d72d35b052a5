
namespace HeteroOrleans.Benchmarks;

/// <summary>One cell of Table 5: a fault method with some failing devices, over its runs.</summary>
/// <param name="Method">The fault method.</param>
/// <param name="Failures">How many end devices failed.</param>
/// <param name="Seconds">Each run's makespan, unscaled (a failed run's too: the time it took to give up).</param>
/// <param name="Completed">True when every run completed; false is the paper's "Inf".</param>
/// <param name="BoundSeconds">The fluid bound of the capacity that survives.</param>
/// <param name="LostImages">Images without a result, over all runs.</param>
/// <param name="Duplicates">Results recorded twice, over all runs.</param>
public sealed record FaultMeasurement(FaultMethod Method, int Failures, Sample Seconds, bool Completed, double BoundSeconds, int LostImages, int Duplicates)
{
    /// <summary>Each run's makespan over the bound.</summary>
    public Sample OverBound => Seconds.Over(BoundSeconds);
}
