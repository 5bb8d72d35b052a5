namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>One job of <see cref="AdaptBenchmark"/>'s bandwidth steps (or, for the oracle, its phases run one by one).</summary>
/// <param name="Variant">"fixed at start", "re-cut", or "oracle".</param>
/// <param name="MakespanS">Seconds to the last result (the oracle's phases summed), emulated time.</param>
/// <param name="Recorded">Images with exactly one result.</param>
/// <param name="Duplicates">Results that came twice.</param>
/// <param name="Missing">Images without a result.</param>
/// <param name="CutInForceS">For each step of the link, seconds (emulated) from it to the job's next cut change; null when none followed.</param>
/// <param name="Cuts">The cuts used, in order, each with the seconds into the job it began.</param>
/// <param name="PhaseS">Seconds (emulated) the job spent in each phase of the link.</param>
public sealed record BandwidthRun(
    string Variant, double MakespanS, int Recorded, int Duplicates, int Missing, IReadOnlyList<double?> CutInForceS, IReadOnlyList<(double AtS, string Tensor)> Cuts,
    IReadOnlyList<double> PhaseS);
