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

    /// <summary>The most steps one log keeps: a task takes a few (coarse, head, fine, a backup or two).</summary>
    public const int Capacity = 64;

    /// <summary>Adds a step that ended, unless the log is full.</summary>
    /// <remarks>
    /// The log flows into whatever the task's work starts, and a loop started there outlives the task: bounded, so that
    /// such a loop's steps cannot make a finished task's log grow without end.
    /// </remarks>
    public void Add(StepTrace step)
    {
        if (_steps.Count < Capacity)
        {
            _steps.Enqueue(step);
        }
    }
}
