using System.Diagnostics;

namespace HeteroOrleans.Scheduling;

/// <summary>Adds up the time a scheduler spends in its own calls; only the outermost call counts, so that calls within calls are not counted twice.</summary>
internal sealed class SchedulingClock
{
    private long _ticks;
    private int _depth;

    /// <summary>The time spent so far.</summary>
    public TimeSpan Spent => Stopwatch.GetElapsedTime(0, _ticks);

    /// <summary>Enters a call; give what it returns to <see cref="Exit"/>.</summary>
    public long Enter()
    {
        _depth++;
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Leaves the call entered at <paramref name="started"/>.</summary>
    public void Exit(long started)
    {
        if (--_depth == 0)
        {
            _ticks += Stopwatch.GetTimestamp() - started;
        }
    }
}
