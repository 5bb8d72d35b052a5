using System.Globalization;
using System.Net;
using HeteroOrleans.Contracts.Serving;
using SkiaSharp;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>
/// Requests to the Open Inference Protocol endpoint of a silo's web port, each a PNG picture as <c>BYTES</c>, as any
/// HTTP client sends them; a 429 or 503 is a refusal (a 503 that says so, an expiry at the deadline).
/// </summary>
public sealed class HttpTransport : IServeTransport
{
    private readonly HttpClient _http;
    private readonly string[] _pictures;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Image, TimeSpan Deadline, RequestPriority Priority), byte[]> _bodies = [];

    /// <summary>Sends <paramref name="images"/>, each encoded once as PNG, to the silo at <paramref name="baseUrl"/>.</summary>
    public HttpTransport(string baseUrl, CifarDataset images)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        _pictures = [.. Enumerable.Range(0, images.Count).Select(i => Convert.ToBase64String(Png(images.Image(i))))];
    }

    /// <inheritdoc />
    public string Name => "HTTP (Open Inference Protocol)";

    /// <inheritdoc />
    public async Task<ServeOutcome> SendAsync(int image, TimeSpan deadline, RequestPriority priority, CancellationToken cancellation)
    {
        // Each body is written once: the bench's own work should not stand in for the service's.
        var key = (image % _pictures.Length, deadline, priority);
        var body = _bodies.GetOrAdd(key, k => System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"inputs":[{"name":"image","datatype":"BYTES","shape":[1],"data":["{{{_pictures[k.Image]}}}"]}],"parameters":{"deadline_ms":{{{k.Deadline.TotalMilliseconds:0}}},"priority":"{{{k.Priority.ToString().ToLowerInvariant()}}}"}}""")));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync("v2/models/cifar100/infer", content, cancellation);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return ServeOutcome.Refused;
        }

        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return text.Contains("no answer by its deadline", StringComparison.Ordinal) ? ServeOutcome.Expired : ServeOutcome.Refused;
        }

        return !response.IsSuccessStatusCode
            ? throw new HttpRequestException($"{(int)response.StatusCode}: {text}")
            : text.Contains("\"outcome\":\"fine_in_time\"", StringComparison.Ordinal)
                ? ServeOutcome.FineInTime
                : ServeOutcome.CoarseAtDeadline;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    // A CIFAR image (red, green and blue planes) as a PNG file.
    private static byte[] Png(ReadOnlySpan<byte> planes)
    {
        const int side = 32, plane = side * side;
        using var bitmap = new SKBitmap(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var at = (y * side) + x;
                bitmap.SetPixel(x, y, new SKColor(planes[at], planes[plane + at], planes[(2 * plane) + at]));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
