
namespace HeteroOrleans.Benchmarks;

/// <summary>One point of Figure 3: a scheme at a number of end devices, measured beside the paper's formula and the fluid bound (seconds).</summary>
public sealed record SchemeMeasurement(int EndDevices, SchedulingScheme Scheme, Sample Measured, double PredictedSeconds, double BoundSeconds, string Plan)
{
    /// <summary>The median makespan.</summary>
    public double MeasuredSeconds => Measured.Median;

    /// <summary>Each run over the bound.</summary>
    public Sample OverBound => Measured.Over(BoundSeconds);
}
