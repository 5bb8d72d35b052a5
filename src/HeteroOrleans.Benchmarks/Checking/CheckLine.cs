namespace HeteroOrleans.Benchmarks.Checking;

/// <summary>One line <c>hetero bench check</c> holds a headline figure to.</summary>
/// <param name="Bench">The bench the figure comes from.</param>
/// <param name="Figure">What was measured, in words ("Adaptive / bound at N_end = 8").</param>
/// <param name="Measured">The figure as measured.</param>
/// <param name="Limit">The line it must hold, in words ("≤ 1.10").</param>
/// <param name="Holds">True when the figure is within its line.</param>
public sealed record CheckLine(string Bench, string Figure, string Measured, string Limit, bool Holds)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Holds ? "ok  " : "FAIL")}  {Bench}: {Figure} = {Measured} (line: {Limit})";
}
