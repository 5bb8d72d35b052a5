namespace HeteroOrleans.Contracts.Serving;

/// <summary>
/// The long-lived inference service: takes requests of one or a few images, each with a deadline and a priority, and
/// answers each as the hierarchy produces its answers, with the same scheme, fault method, privacy rule and device
/// monitor as jobs. A request ends answered (fine in time, or coarse at its deadline) or refused; never lost.
/// </summary>
public interface IInferenceServiceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Classifies the images of <paramref name="request"/>. Returns at the request's deadline at the latest once its
    /// coarse answers are in: with the fine answers when they came in time, else with the coarse ones marked not in
    /// time. A request the service cannot take now is refused at once with a retry hint; one whose caller cancels
    /// (<paramref name="cancellation"/>) ends cancelled and its queued work does not run.
    /// </summary>
    Task<ServeReply> ClassifyAsync(ServeRequest request, CancellationToken cancellation = default);

    /// <summary>What the service has done since it started: requests by outcome, and those in flight now.</summary>
    Task<ServeCounts> GetCountsAsync();

    /// <summary>
    /// The traces its silo kept of sampled requests (<c>Silo:Tracing:SampleRate</c>): the <paramref name="slowest"/>
    /// slowest of the last <paramref name="within"/>, slowest first, or every one kept when <paramref name="slowest"/> is 0.
    /// </summary>
    Task<IReadOnlyList<ImageTrace>> GetTracesAsync(int slowest, TimeSpan within);
}
