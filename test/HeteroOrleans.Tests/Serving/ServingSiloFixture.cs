using System.Net;
using System.Text;
using System.Text.Json;

namespace HeteroOrleans.Tests.Serving;

/// <summary>
/// A silo with one real end device and one real edge behind a 600 ms round-trip link, whose inference service admits
/// four requests at once: small enough that a test can fill it.
/// </summary>
public sealed class ServingSiloFixture : IAsyncLifetime
{
    private SingleSilo? _silo;

    /// <summary>The silo.</summary>
    public SingleSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        DeviceProfile[] devices =
        [
            new("end-01", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Onnx, 1),
            new("edge-01", Tier.Edge, "resnet-tiny", true, new LinkProfile(600, 0), ComputeMode.Onnx, 1),
        ];
        _silo = await SingleSilo.StartAsync(devices, TestPaths.NewModelsDirectory(), CancellationToken.None, new Dictionary<string, string?>
        {
            ["Silo:Serving:MaxInFlight"] = "4",
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    /// <summary>A client of the silo's web port.</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(Silo.Url), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Posts <paramref name="body"/> as JSON; the status and the parsed body.</summary>
    public async Task<(HttpStatusCode Status, JsonDocument Body)> PostAsync(string path, string body)
    {
        var (status, document, _) = await PostWithHeadersAsync(path, body);
        return (status, document);
    }

    /// <summary>
    /// Sends only the headers of a POST that declares a body of <paramref name="length"/> bytes, as a client about to
    /// upload too much would, and returns the raw response (a client that goes on writing would see the connection close).
    /// </summary>
    public async Task<string> PostDeclaringLengthAsync(string path, long length)
    {
        var url = new Uri(Silo.Url);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Posts <paramref name="body"/> as JSON; the status, the parsed body and the Retry-After seconds.</summary>
    public async Task<(HttpStatusCode Status, JsonDocument Body, double? RetryAfter)> PostWithHeadersAsync(string path, string body)
    {
        using var http = Http();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text), response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }
}
