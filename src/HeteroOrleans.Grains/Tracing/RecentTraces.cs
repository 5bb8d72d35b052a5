namespace HeteroOrleans.Grains.Tracing;

/// <summary>
/// The silo's latest sampled request traces, for the device page's waterfall of the slowest and for <c>/traces.json</c>.
/// Bounded: the oldest go as new ones come.
/// </summary>
public sealed class RecentTraces
{
    /// <summary>How many traces it keeps.</summary>
    public const int Capacity = 2_000;

    private readonly Lock _lock = new();
    private readonly Queue<ImageTrace> _traces = new();
    private long _recorded;

    /// <summary>Traces recorded since the silo started, those dropped since included.</summary>
    public long Recorded
    {
        get
        {
            lock (_lock)
            {
                return _recorded;
            }
        }
    }

    /// <summary>Keeps <paramref name="trace"/>.</summary>
    public void Add(ImageTrace trace)
    {
        lock (_lock)
        {
            _recorded++;
            _traces.Enqueue(trace);
            if (_traces.Count > Capacity)
            {
                _traces.Dequeue();
            }
        }
    }

    /// <summary>The traces kept, oldest first.</summary>
    public IReadOnlyList<ImageTrace> All()
    {
        lock (_lock)
        {
            return [.. _traces];
        }
    }

    /// <summary>The <paramref name="count"/> slowest of the traces of the last <paramref name="within"/>, slowest first.</summary>
    public IReadOnlyList<ImageTrace> Slowest(int count, TimeSpan within, DateTime nowUtc) =>
        [.. All().Where(t => nowUtc - t.StartedUtc <= within).OrderByDescending(t => t.LatencyMs).Take(count)];
}
