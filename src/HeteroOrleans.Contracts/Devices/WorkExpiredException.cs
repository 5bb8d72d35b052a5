namespace HeteroOrleans.Contracts.Devices;

/// <summary>
/// A device dropped work before running it because its answer could no longer reach the caller by the time the caller
/// wants it (<see cref="PixelBatch.AnswerWithinMs"/>). Not a failure of the device: running the work would only have
/// taken the device's time from work that can still be answered in time.
/// </summary>
public sealed class WorkExpiredException : Exception
{
    /// <summary>Work that waited <paramref name="waitedMs"/> of the <paramref name="withinMs"/> its caller allowed.</summary>
    public WorkExpiredException(double waitedMs, double withinMs)
        : base($"The device dropped work that had waited {waitedMs:0} ms: its answer could no longer reach its caller within the {withinMs:0} ms allowed.")
    {
    }

    /// <summary>An expiry with a message of its own.</summary>
    public WorkExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>An expiry with no message.</summary>
    public WorkExpiredException()
    {
    }

    /// <summary>An expiry with a message and the error behind it.</summary>
    public WorkExpiredException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
