using HeteroOrleans.Grains.Monitoring;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// How long each image waited for its coarse and its fine answer, counted from when the job took its task in: the
/// first answer of each kind counts, as that is when the user had it. Four bytes an image and kind, stored with the job.
/// </summary>
internal sealed class AnswerLatencies
{
    private readonly LatencyRecord _record;

    // Percentiles sort every image's wait: read each second by the job board, they are sorted again only after a change.
    private (LatencySummary? Coarse, LatencySummary? Fine)? _summaries;

    private AnswerLatencies(LatencyRecord record) => _record = record;

    public AnswerLatencies(int imageCount)
        : this(new LatencyRecord { CoarseMs = Unknown(imageCount), FineMs = Unknown(imageCount) })
    {
    }

    /// <summary>Continues from a stored record; one of another size (an older job's) starts again.</summary>
    public static AnswerLatencies Restore(LatencyRecord? record, int imageCount) =>
        record is { } stored && stored.CoarseMs.Length == imageCount && stored.FineMs.Length == imageCount ? new(stored) : new(imageCount);

    /// <summary>Notes the coarse answer of images <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public void Coarse(int first, int count, double ms) => _summaries = Note(_summaries, _record.CoarseMs, first, count, null, ms, CoarseTag);

    /// <summary>Notes the fine answer of the task's images that have one (a label of 0 or more).</summary>
    public void Fine(int first, IReadOnlyList<int> labels, double ms) => _summaries = Note(_summaries, _record.FineMs, first, labels.Count, labels, ms, FineTag);

    /// <summary>Percentiles of the coarse answers' waits; null before any.</summary>
    public LatencySummary? CoarseSummary() => Summaries().Coarse;

    /// <summary>Percentiles of the fine answers' waits; null while there are none.</summary>
    public LatencySummary? FineSummary() => Summaries().Fine;

    private (LatencySummary? Coarse, LatencySummary? Fine) Summaries() =>
        _summaries ??= (Summarise(_record.CoarseMs), Summarise(_record.FineMs));

    /// <summary>A copy to store.</summary>
    public LatencyRecord Snapshot() => new() { CoarseMs = (float[])_record.CoarseMs.Clone(), FineMs = (float[])_record.FineMs.Clone() };

    // Nearest-rank percentiles over the images with an answer.
    internal static LatencySummary? Summarise(IEnumerable<float> waits) => LatencySummary.Of(waits.Select(w => (double)w));

    private static readonly KeyValuePair<string, object?> CoarseTag = new("stage", "coarse");
    private static readonly KeyValuePair<string, object?> FineTag = new("stage", "fine");

    // Each image's first answer of the kind counts, once: in the record and in the exported histogram.
    // Returns the cached percentiles, or null when an image got its first answer of the kind (they are stale then).
    private static (LatencySummary?, LatencySummary?)? Note(
        (LatencySummary?, LatencySummary?)? cached, float[] waits, int first, int count, IReadOnlyList<int>? labels, double ms, KeyValuePair<string, object?> stage)
    {
        for (var i = 0; i < count; i++)
        {
            var image = first + i;
            if (image >= 0 && image < waits.Length && float.IsNaN(waits[image]) && (labels is null || labels[i] >= 0))
            {
                waits[image] = (float)ms;
                HeteroMetrics.AnswerLatency.Record(ms / 1000, stage);
                cached = null;
            }
        }

        return cached;
    }

    private static float[] Unknown(int count)
    {
        var waits = new float[count];
        Array.Fill(waits, float.NaN);
        return waits;
    }
}
