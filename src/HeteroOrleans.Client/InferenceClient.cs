using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Client;

/// <summary>
/// Asks the cluster's inference service for answers by a deadline: the fine answers when they come in time, else the
/// coarse ones at the deadline; a full service refuses at once with a retry hint (<see cref="ServeReply.RetryAfter"/>).
/// </summary>
/// <param name="grains">A connected cluster client.</param>
/// <param name="service">The service's name; <c>default</c> unless a deployment names more.</param>
public sealed class InferenceClient(IGrainFactory grains, string service = "default")
{
    /// <summary>Classifies images given in CIFAR layout (per image the red, green and blue 32×32 planes).</summary>
    /// <exception cref="ArgumentException">The pixels, deadline or priority cannot be served; the message names which.</exception>
    public Task<ServeReply> ClassifyAsync(byte[] pixels, TimeSpan deadline, RequestPriority priority = RequestPriority.Normal, CancellationToken cancellation = default)
    {
        var request = new ServeRequest(pixels, deadline, priority);
        return request.Problem() is { } problem
            ? throw new ArgumentException(problem, nameof(pixels))
            : grains.GetInferenceService(service).ClassifyAsync(request, cancellation);
    }

    /// <summary>Classifies one picture file (PNG, JPEG …, any size; brought to 32×32 as <see cref="Pictures"/> says).</summary>
    public Task<ServeReply> ClassifyAsync(string picturePath, TimeSpan deadline, RequestPriority priority = RequestPriority.Normal, CancellationToken cancellation = default) =>
        ClassifyAsync(ImageFiles.Decode(picturePath), deadline, priority, cancellation);
}
