namespace HeteroOrleans.Scheduling;

/// <summary>
/// Learns, image by image, the confidence threshold below which a set share of a stream's images goes on to the fine
/// stage, so that the share holds while the data drifts: the threshold is the quantile of the recent confidences at
/// the share, nudged by how far the last <see cref="Horizon"/> decisions strayed from it (paid back over the next
/// <see cref="PaybackImages"/>).
/// </summary>
/// <remarks>
/// A fixed threshold escalates whatever share the data gives it: data that gets harder (noise, blur, a new class mix)
/// lowers every confidence and sends most images on. The quantile follows such a shift within a window; the nudge keeps
/// the share of every stretch of the stream near the budget rather than off by the quantile's sampling noise. Both
/// learn after every image: decided a task of 50 at a time with one threshold, the share swings by whole points.
/// </remarks>
public sealed class EscalationBudget
{
    /// <summary>Recent confidences the quantile is taken over.</summary>
    public const int Window = 300;

    /// <summary>Recent decisions whose deviation from the budget is paid back.</summary>
    public const int Horizon = 50;

    /// <summary>Images over which a deviation is paid back.</summary>
    public const int PaybackImages = 10;

    private readonly Queue<double> _recent = new(Window);
    private readonly List<double> _sorted = new(Window);
    private readonly Queue<bool> _decisions = new(Horizon);
    private int _recentlyEscalated;

    /// <summary>A budget of <paramref name="share"/> (between 0 and 1) starting at <paramref name="initialThreshold"/> until confidences are seen.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A share or threshold outside 0…1.</exception>
    public EscalationBudget(double share, double initialThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialThreshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialThreshold, 1);
        (Share, Threshold, Learnt) = (share, initialThreshold, initialThreshold);
    }

    /// <summary>The share of images to escalate.</summary>
    public double Share { get; }

    /// <summary>The threshold in force for the next image: confidences below it are escalated (the learnt one, nudged).</summary>
    public double Threshold { get; private set; }

    /// <summary>The threshold learnt: the quantile of the recent confidences at the share, before any nudge.</summary>
    public double Learnt { get; private set; }

    /// <summary>Images decided so far.</summary>
    public long Seen { get; private set; }

    /// <summary>Images escalated so far.</summary>
    public long Escalated { get; private set; }

    /// <summary>Whether the image of <paramref name="confidence"/> goes on to the fine stage; learns from it either way.</summary>
    public bool Decide(double confidence)
    {
        var escalate = confidence < Threshold;
        Seen++;
        Escalated += escalate ? 1 : 0;
        Remember(confidence, escalate);
        var owed = Share * _decisions.Count - _recentlyEscalated;
        Learnt = Quantile(Share);
        Threshold = Quantile(Math.Clamp(Share + owed / PaybackImages, 0, 1));
        return escalate;
    }

    // The threshold under which a share of the recent confidences lies: between the confidence that would be escalated
    // last and the first that would not.
    private double Quantile(double share)
    {
        var below = (int)Math.Floor(share * _sorted.Count);
        return below <= 0 ? 0
            : below >= _sorted.Count ? Math.Max(1, _sorted[^1]) + 1e-6
            : (_sorted[below - 1] + _sorted[below]) / 2;
    }

    private void Remember(double confidence, bool escalated)
    {
        if (_recent.Count == Window)
        {
            var oldest = _recent.Dequeue();
            _sorted.RemoveAt(_sorted.BinarySearch(oldest));
        }

        _recent.Enqueue(confidence);
        var place = _sorted.BinarySearch(confidence);
        _sorted.Insert(place >= 0 ? place : ~place, confidence);
        if (_decisions.Count == Horizon)
        {
            _recentlyEscalated -= _decisions.Dequeue() ? 1 : 0;
        }

        _decisions.Enqueue(escalated);
        _recentlyEscalated += escalated ? 1 : 0;
    }
}
