namespace HeteroOrleans.Benchmarks;

/// <summary>What <c>hetero bench models</c> measures.</summary>
/// <param name="Models">Model ids, in table order.</param>
/// <param name="Batch">Images per timed run. Default 50, the paper's task size.</param>
/// <param name="Runs">Timed runs after one warm-up; the median is reported. Default 5.</param>
/// <param name="AccuracyImages">Test images classified for the accuracy column. Default 500.</param>
public sealed record ModelBenchmarkOptions(IReadOnlyList<string> Models, int Batch = 50, int Runs = 5, int AccuracyImages = 500);
