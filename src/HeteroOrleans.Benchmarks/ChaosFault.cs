using System.Globalization;

namespace HeteroOrleans.Benchmarks;

/// <summary>One fault of a chaos run: what, on which silo or device, and after how many settled tasks.</summary>
/// <param name="Target">A silo name, a device id, "job's silo", or the number of busy loops.</param>
/// <param name="Factor">How much slower a slowed device is; for a store restarted, the seconds it stays away; 1 otherwise.</param>
public sealed record ChaosFault(ChaosFaultKind Kind, string Target, int AtTask, double Factor = 1)
{
    /// <summary>Whether the fault is one of the store's.</summary>
    public bool OnStore => Kind is ChaosFaultKind.StoreRestartEmpty or ChaosFaultKind.StoreRestartFromLog or ChaosFaultKind.StoreFailover;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ChaosFaultKind.KillSilo => $"kill {Target}",
        ChaosFaultKind.HangDevice => $"hang {Target}",
        ChaosFaultKind.SlowDevice => $"slow {Target} ×{Factor.ToString("0", CultureInfo.InvariantCulture)}",
        ChaosFaultKind.StoreRestartEmpty => $"store killed, back empty after {Factor.ToString("0", CultureInfo.InvariantCulture)} s",
        ChaosFaultKind.StoreRestartFromLog => $"store killed, back from its log after {Factor.ToString("0", CultureInfo.InvariantCulture)} s",
        ChaosFaultKind.StoreFailover => "store master killed, Sentinel fails over",
        _ => $"CPU hog ({Target} loops)",
    } + $" @{AtTask}";
}
