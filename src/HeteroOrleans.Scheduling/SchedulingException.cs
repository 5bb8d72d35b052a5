namespace HeteroOrleans.Scheduling;

/// <summary>A scheme cannot run on the given devices or options; the message says why.</summary>
public sealed class SchedulingException(string message) : Exception(message);
