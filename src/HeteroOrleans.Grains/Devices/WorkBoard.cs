using System.Collections.Concurrent;
using System.Diagnostics;

namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// What a device holds: each piece of work from its arrival until its answer, and when it started running.
/// Callers read it to tell a device that is busy (its queue is long, the work runs) from one that is dead.
/// </summary>
internal sealed class WorkBoard
{
    private readonly ConcurrentDictionary<string, Entry> _work = new(StringComparer.Ordinal);

    /// <summary>Notes work as arrived; the returned entry is started as it runs and removed once answered.</summary>
    public Entry Arrive(string workId)
    {
        var entry = new Entry();
        if (workId.Length > 0)
        {
            _work[workId] = entry;
        }

        return entry;
    }

    /// <summary>Forgets answered work.</summary>
    public void Leave(string workId)
    {
        if (workId.Length > 0)
        {
            _work.TryRemove(workId, out _);
        }
    }

    /// <summary>Where the work stands here.</summary>
    public WorkProgress Progress(string workId) =>
        !_work.TryGetValue(workId, out var entry) ? WorkProgress.Unknown
        : entry.StartedAt is var started && started == 0 ? new WorkProgress(WorkPhase.Queued)
        : new WorkProgress(WorkPhase.Running, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    /// <summary>One piece of work; started where it runs, read on the grain's.</summary>
    public sealed class Entry
    {
        private long _startedAt;

        public long StartedAt => Volatile.Read(ref _startedAt);

        public void Start() => Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
    }
}
