using System.Diagnostics;
using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Client;

/// <summary>
/// Asks the cluster's inference service for answers by a deadline: the fine answers when they come in time, else the
/// coarse ones at the deadline; a full service refuses at once with a retry hint (<see cref="ServeReply.RetryAfter"/>).
/// While the service refuses more than about one request in eleven of a priority class, the client refuses a share of
/// that class itself, without sending it (adaptive throttling): a refusal costs the cluster less the fewer reach it.
/// Keep one client for as long as the program sends requests: it remembers what the service refused lately. A request
/// whose message was rejected on its way (its gateway leaving the cluster) is sent once more within its deadline.
/// </summary>
/// <param name="grains">A connected cluster client.</param>
/// <param name="service">The service's name; <c>default</c> unless a deployment names more.</param>
/// <param name="time">The clock the throttle's memory fades by; the system's by default.</param>
public sealed class InferenceClient(IGrainFactory grains, string service = "default", TimeProvider? time = null)
{
    // Less than this left of a deadline is not worth a second try: the answer could not come back in time.
    private static readonly TimeSpan MinimumRetryTime = TimeSpan.FromMilliseconds(50);

    // Sends of one classification at most: the first and two more after rejections.
    private const int MaxAttempts = 3;
    private readonly ServiceThrottle _throttle = new(time ?? TimeProvider.System, Random.Shared);

    /// <summary>Classifies images given in CIFAR layout (per image the red, green and blue 32×32 planes).</summary>
    /// <exception cref="ArgumentException">The pixels, deadline or priority cannot be served; the message names which.</exception>
    public Task<ServeReply> ClassifyAsync(byte[] pixels, TimeSpan deadline, RequestPriority priority = RequestPriority.Normal, CancellationToken cancellation = default)
    {
        var request = new ServeRequest(pixels, deadline, priority);
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(pixels));
        }

        return _throttle.Refuses(priority, out var admittedShare)
            ? Task.FromResult(new ServeReply(
                ServeOutcome.Refused, [], 0, _throttle.RetryAfter,
                $"the service is full: it admitted only {admittedShare:P0} of this client's {priority.ToString().ToLowerInvariant()}-priority requests lately, and this one was held back, not sent"))
            : SendAsync(request, cancellation);
    }

    /// <summary>Classifies one picture file (PNG, JPEG …, any size; brought to 32×32 as <see cref="Pictures"/> says).</summary>
    public Task<ServeReply> ClassifyAsync(string picturePath, TimeSpan deadline, RequestPriority priority = RequestPriority.Normal, CancellationToken cancellation = default) =>
        ClassifyAsync(ImageFiles.Decode(picturePath), deadline, priority, cancellation);

    private async Task<ServeReply> SendAsync(ServeRequest request, CancellationToken cancellation)
    {
        var sent = Stopwatch.GetTimestamp();
        ServeReply reply;
        for (var attempt = 1; ; attempt++)
        {
            var left = request.Deadline - Stopwatch.GetElapsedTime(sent);
            try
            {
                reply = await grains.GetInferenceService(service).ClassifyAsync(attempt == 1 ? request : request with { Deadline = left }, cancellation);
                break;
            }
            catch (Exception e) when (e is OrleansMessageRejectionException or SiloUnavailableException && !cancellation.IsCancellationRequested
                                      && attempt < MaxAttempts && request.Deadline - Stopwatch.GetElapsedTime(sent) > MinimumRetryTime)
            {
                // The message never reached the service, or its gateway went as it passed (a silo leaving the cluster):
                // a classification can be asked again with what is left of its deadline, through another gateway. A
                // rolling restart can turn one away twice (the draining silo, then its gateway as it stops).
            }
        }

        // A call that fails is not counted: it says nothing of whether the service has room, and its caller sees the failure.
        _throttle.Answered(request.Priority, reply);
        return reply;
    }
}
