namespace HeteroOrleans.Benchmarks;

/// <summary>What <c>hetero bench models</c> measures.</summary>
/// <param name="Models">Model ids, in table order.</param>
/// <param name="Batch">Images per timed run. Default 50, the paper's task size.</param>
/// <param name="Runs">
/// Runs of each figure; a cell is their median. A time is one batch after a warm-up; a ratio of the device grain over
/// ONNX Runtime called directly is the median of pairs taken in turn over about 1.5 s of each side. Default 3.
/// </param>
/// <param name="AccuracyImages">Test images classified for the accuracy column. Default 500.</param>
/// <param name="RatioBatches">The batches the grain is timed against ONNX Runtime at; null: 1, 10 and <paramref name="Batch"/>.</param>
/// <param name="RatiosOnly">Only the grain's ratios: no parameter count, times per image or accuracy (what <c>bench check</c> needs).</param>
public sealed record ModelBenchmarkOptions(
    IReadOnlyList<string> Models, int Batch = 50, int Runs = 3, int AccuracyImages = 500, IReadOnlyList<int>? RatioBatches = null, bool RatiosOnly = false)
{
    /// <summary>The batches of the grain / raw columns, in order.</summary>
    public IReadOnlyList<int> MeasuredRatioBatches => RatioBatches ?? [1, 10, Batch];
}
