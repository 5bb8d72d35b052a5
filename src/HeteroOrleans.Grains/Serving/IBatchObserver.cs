namespace HeteroOrleans.Grains.Serving;

/// <summary>Hears how fast the service's batches come back, to admit as many requests as can be answered in time.</summary>
internal interface IBatchObserver
{
    /// <summary>
    /// A batch's coarse answer came <paramref name="waitedMs"/> after its oldest request was queued; its requests'
    /// shortest deadline allows <paramref name="budgetMs"/> for it.
    /// </summary>
    void CoarseWaited(double waitedMs, double budgetMs);

    /// <summary>
    /// A batch of <paramref name="requests"/>, the shortest deadline among them <paramref name="deadlineMs"/>, sent at the
    /// timestamp <paramref name="sentAt"/>, took <paramref name="passMs"/> from dispatch to its end.
    /// </summary>
    void Passed(double passMs, int requests, double deadlineMs, long sentAt);

    /// <summary>
    /// A batch's stage was dropped unrun by its device, <paramref name="passMs"/> after it was sent (at the timestamp
    /// <paramref name="sentAt"/>), too busy to answer it by its shortest deadline, <paramref name="deadlineMs"/>: a pass
    /// that would have taken at least that long.
    /// </summary>
    void DroppedLate(double passMs, int requests, double deadlineMs, long sentAt);

    /// <summary>How long before a request's deadline the service answers it, for the answer to reach the caller in time.</summary>
    TimeSpan ReplyMargin(TimeSpan deadline);
}
