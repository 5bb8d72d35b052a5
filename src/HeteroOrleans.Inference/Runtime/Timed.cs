namespace HeteroOrleans.Inference.Runtime;

/// <summary>A result with the time it waited in a worker's queue and the time it ran.</summary>
public readonly record struct Timed<T>(T Value, double QueueMs, double RunMs);
