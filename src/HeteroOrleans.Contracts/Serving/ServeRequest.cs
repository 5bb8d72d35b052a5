namespace HeteroOrleans.Contracts.Serving;

/// <summary>A request to the inference service.</summary>
/// <param name="Pixels">The images in CIFAR layout (per image the red, green and blue 32×32 planes), one after another.</param>
/// <param name="Deadline">How long after the service takes the request in its answer is wanted.</param>
/// <param name="Priority">The request's class.</param>
[GenerateSerializer, Immutable]
public sealed record ServeRequest(
    [property: Id(0)] byte[] Pixels,
    [property: Id(1)] TimeSpan Deadline,
    [property: Id(2)] RequestPriority Priority = RequestPriority.Normal)
{
    /// <summary>Bytes of one 32×32 RGB image.</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>The most images one request may hold.</summary>
    public const int MaxImages = 64;

    /// <summary>The longest deadline a request may ask for (within Orleans' default 30 s response time-out).</summary>
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromSeconds(20);

    /// <summary>Images in the request.</summary>
    public int Count => Pixels.Length / ImageBytes;

    /// <summary>Why the request cannot be served as it is (naming the field), or null when it can.</summary>
    public string? Problem() => Pixels.Length == 0 || Pixels.Length % ImageBytes != 0
        ? $"pixels: {Pixels.Length} bytes is not a whole number of 32×32 RGB images ({ImageBytes} bytes each)"
        : Count > MaxImages
            ? $"pixels: {Count} images; a request holds at most {MaxImages}"
            : Deadline <= TimeSpan.Zero || Deadline > MaxDeadline
                ? $"deadline: {Deadline.TotalMilliseconds:0.#} ms is not between 0 and {MaxDeadline.TotalMilliseconds:0} ms"
                : !Enum.IsDefined(Priority) ? $"priority: {(int)Priority} is not a priority class" : null;
}
