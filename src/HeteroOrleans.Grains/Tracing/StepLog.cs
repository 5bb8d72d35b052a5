using System.Collections.Concurrent;

namespace HeteroOrleans.Grains.Tracing;

/// <summary>
/// The steps one task took, collected by the stage caller as they end. It flows with the task's work (an async local),
/// so that the pipeline records steps without knowing who reads them: the inference service, for each request's trace.
/// </summary>
public sealed class StepLog
{
    private static readonly AsyncLocal<StepLog?> Flowing = new();
    private readonly ConcurrentQueue<StepTrace> _steps = new();

    /// <summary>The log of the task whose work runs here; null outside one.</summary>
    public static StepLog? Current
    {
        get => Flowing.Value;
        set => Flowing.Value = value;
    }

    /// <summary>The steps ended so far, in the order they ended.</summary>
    public IReadOnlyList<StepTrace> Steps => [.. _steps];

    /// <summary>Adds a step that ended.</summary>
    public void Add(StepTrace step) => _steps.Enqueue(step);
}
