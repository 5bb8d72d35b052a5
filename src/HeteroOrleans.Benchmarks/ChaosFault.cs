using System.Globalization;

namespace HeteroOrleans.Benchmarks;

/// <summary>One fault of a chaos run: what, on which silo or device, and after how many settled tasks.</summary>
/// <param name="Target">A silo name, a device id, "job's silo", or the number of busy loops.</param>
/// <param name="Factor">How much slower a slowed device is; 1 otherwise.</param>
public sealed record ChaosFault(ChaosFaultKind Kind, string Target, int AtTask, double Factor = 1)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ChaosFaultKind.KillSilo => $"kill {Target}",
        ChaosFaultKind.HangDevice => $"hang {Target}",
        ChaosFaultKind.SlowDevice => $"slow {Target} ×{Factor.ToString("0", CultureInfo.InvariantCulture)}",
        _ => $"CPU hog ({Target} loops)",
    } + $" @{AtTask}";
}
