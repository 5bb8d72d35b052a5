using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>
/// The inference service's book of requests: who is admitted (the last share of the room is kept for high priority),
/// each admitted request's coarse answer as it comes, the counts by outcome, and how long a refused caller should
/// wait, from the rate at which requests have been answered lately.
/// </summary>
internal sealed class ServingBook(ServingOptions options, TimeProvider time) : ICoarseAnswers
{
    private static readonly TimeSpan MinRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);
    private readonly Dictionary<int, TaskCompletionSource<InferenceResult>> _coarse = [];
    private readonly Queue<long> _recentEnds = new();
    private long _fineInTime;
    private long _coarseAtDeadline;
    private long _refused;
    private long _cancelled;
    private int _next;

    /// <summary>Requests admitted and not yet answered.</summary>
    public int InFlight => _coarse.Count;

    /// <summary>The counts so far.</summary>
    public ServeCounts Counts => new(_fineInTime, _coarseAtDeadline, _refused, _cancelled, InFlight);

    /// <summary>
    /// Admits a request of <paramref name="priority"/> when there is room for its class: its task index, and the source
    /// its coarse answer will complete. Null (counted as refused) when there is none.
    /// </summary>
    public (int TaskIndex, Task<InferenceResult> Coarse)? TryAdmit(RequestPriority priority)
    {
        var room = priority == RequestPriority.High ? options.MaxInFlight : (int)Math.Floor(options.MaxInFlight * (1 - options.HighPriorityShare));
        if (InFlight >= Math.Max(1, room))
        {
            _refused++;
            return null;
        }

        // Task indexes only tell requests apart (and turn a paper scheme's round robin): they wrap, never repeat in flight.
        var index = _next;
        _next = _next == int.MaxValue ? 0 : _next + 1;
        var coarse = new TaskCompletionSource<InferenceResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _coarse[index] = coarse;
        return (index, coarse.Task);
    }

    /// <summary>Counts a request refused before it could be admitted (no device of a role it needs).</summary>
    public void Refused() => _refused++;

    /// <inheritdoc />
    public void Answered(ImageTask task, InferenceResult coarse)
    {
        if (_coarse.TryGetValue(task.TaskIndex, out var source))
        {
            source.TrySetResult(coarse);
        }
    }

    /// <summary>Request <paramref name="taskIndex"/> ended with <paramref name="outcome"/>: its room is free again.</summary>
    public void Ended(int taskIndex, ServeOutcome outcome)
    {
        if (_coarse.Remove(taskIndex, out var source))
        {
            source.TrySetCanceled();
        }

        switch (outcome)
        {
            case ServeOutcome.FineInTime: _fineInTime++; break;
            case ServeOutcome.CoarseAtDeadline: _coarseAtDeadline++; break;
            case ServeOutcome.Cancelled: _cancelled++; break;
            default: _refused++; break;
        }

        _recentEnds.Enqueue(time.GetTimestamp());
        while (_recentEnds.Count > options.MaxInFlight)
        {
            _recentEnds.Dequeue();
        }
    }

    /// <summary>How long a refused caller should wait: about the time the requests in flight take to drain.</summary>
    public TimeSpan RetryAfter()
    {
        if (_recentEnds.Count < 2)
        {
            return MaxRetry;
        }

        var span = time.GetElapsedTime(_recentEnds.Peek());
        var perRequest = span / _recentEnds.Count;
        var drain = perRequest * Math.Max(1, InFlight - (int)Math.Floor(options.MaxInFlight * (1 - options.HighPriorityShare)) + 1);
        return drain < MinRetry ? MinRetry : drain > MaxRetry ? MaxRetry : drain;
    }
}
