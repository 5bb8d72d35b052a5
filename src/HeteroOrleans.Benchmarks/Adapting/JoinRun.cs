namespace HeteroOrleans.Benchmarks.Adapting;

/// <summary>One job of <see cref="JoinBenchmark"/>.</summary>
/// <param name="Variant">Without the late edges, with them joining, or with them from the start.</param>
/// <param name="MakespanS">Seconds to the job's last result.</param>
/// <param name="BoundS">The fluid bound of the devices the job could use when it could use them.</param>
/// <param name="Recorded">Images with exactly one result.</param>
/// <param name="Duplicates">Results that came twice.</param>
/// <param name="Missing">Images without a result.</param>
/// <param name="SiloUpS">Seconds into the job the late edges' silo had started; null when none started during it.</param>
/// <param name="AddedAfterS">Per late edge, seconds from its silo's start to the job adding it to its plan.</param>
/// <param name="FirstWorkAfterS">Per late edge, seconds from its silo's start to the job sending it work.</param>
/// <param name="LateImages">Images the late edges answered.</param>
public sealed record JoinRun(
    string Variant, double MakespanS, double BoundS, int Recorded, int Duplicates, int Missing, double? SiloUpS, IReadOnlyList<double> AddedAfterS,
    IReadOnlyList<double> FirstWorkAfterS, int LateImages);
