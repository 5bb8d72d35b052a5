namespace HeteroOrleans.Benchmarks;

/// <summary>One cell of Table 5: a fault method with some failing devices, averaged over runs (seconds; null when a run failed).</summary>
public sealed record FaultMeasurement(FaultMethod Method, int Failures, double? MeanSeconds, IReadOnlyList<double> RunSeconds, double BoundSeconds, int LostImages, int Duplicates);
