using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using HeteroOrleans.Hosting.Net;

namespace HeteroOrleans.Hosting.Operations;

/// <summary>
/// A silo's web port as an operator uses it: is it ready, drain it, has it gone. Its address is given, or read from the
/// silo's config (with the silo port, so that a restart waits until the old process has let go of it).
/// </summary>
public sealed class SiloWeb : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient _http;
    private IPEndPoint? _webEndpoint;

    private SiloWeb(string name, Uri address, string? token, IPEndPoint? siloEndpoint)
    {
        (Name, Address, SiloEndpoint) = (name, address, siloEndpoint);
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The silo's name (its config's), or its address when only that is known.</summary>
    public string Name { get; }

    /// <summary>Where its web port answers.</summary>
    public Uri Address { get; }

    /// <summary>Where its silo port listens, when its config is known.</summary>
    public IPEndPoint? SiloEndpoint { get; }

    /// <summary>The silo a config describes: its web address (its advertised address when it listens on every interface) and its token.</summary>
    public static SiloWeb FromConfig(FileInfo config)
    {
        var settings = SiloConfigLoader.LoadFile(config.FullName);
        var (dashboard, advertised) = (settings.Options.Dashboard, settings.Options.AdvertisedIp);
        var host = dashboard.Host is "0.0.0.0" or "*" or "+" or "::" ? advertised : dashboard.Host;
        var token = settings.WebToken is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes).Trim() : null;
        return new SiloWeb(settings.Name, new UriBuilder("http", host, dashboard.Port).Uri, token, new IPEndPoint(settings.AdvertisedIp, settings.Options.SiloPort));
    }

    /// <summary>The silo whose web port is at <paramref name="address"/> (<c>http://host:port</c> or <c>host:port</c>).</summary>
    public static SiloWeb FromAddress(string address, FileInfo? tokenFile)
    {
        var text = address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort && !address.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{address}' is not a silo's web address: give host:port or http://host:port (its Silo:Dashboard port)");
        }

        string? token = null;
        if (tokenFile is not null)
        {
            token = tokenFile.Exists ? File.ReadAllText(tokenFile.FullName).Trim() : throw new ArgumentException($"--token-file {tokenFile.FullName}: no such file");
        }

        return new SiloWeb(uri.Authority, new Uri(uri.GetLeftPart(UriPartial.Authority)), token, null);
    }

    /// <summary>Whether the silo says it is ready, and what it says.</summary>
    public async Task<(bool Ready, string Says)> ReadyAsync(CancellationToken cancellation)
    {
        try
        {
            using var response = await _http.GetAsync("/health/ready", cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            return (response.IsSuccessStatusCode, Describe(body));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return (false, "does not answer");
        }
    }

    /// <summary>Asks the silo to drain and stop; returns how long it says the stop may take.</summary>
    public async Task<TimeSpan> DrainAsync(CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync("/silo/drain", new { }, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"silo {Name}: {Address} does not answer ({e.GetBaseException().Message}): is the silo running?");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellation);
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted => TimeSpan.FromSeconds(JsonDocument.Parse(body).RootElement.GetProperty("stopsWithinSeconds").GetDouble()),
                HttpStatusCode.Unauthorized => throw new ArgumentException(
                    $"silo {Name}: {Address} wants its bearer token (Silo:Dashboard:TokenFile): give --token-file, or --config with a readable token file"),
                HttpStatusCode.NotFound => throw new InvalidOperationException($"silo {Name}: {Address} has no drain endpoint: is it a HeteroOrleans silo of this version?"),
                _ => throw new InvalidOperationException($"silo {Name}: the drain was refused ({(int)response.StatusCode}): {Describe(body)}"),
            };
        }
    }

    /// <summary>Waits until the silo has gone: its web port and (when known) its silo port no longer accept connections.</summary>
    public async Task<bool> WaitGoneAsync(TimeSpan limit, CancellationToken cancellation)
    {
        var end = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < end)
        {
            var webOpen = await TcpProbe.AcceptsAsync(WebEndpoint(), TimeSpan.FromSeconds(1), cancellation);
            if (!webOpen && (SiloEndpoint is null || !await TcpProbe.AcceptsAsync(SiloEndpoint, TimeSpan.FromSeconds(1), cancellation)))
            {
                return true;
            }

            await Task.Delay(Poll, cancellation);
        }

        return false;
    }

    /// <summary>Waits until the silo says it is ready; false after <paramref name="limit"/>.</summary>
    public async Task<(bool Ready, string Says)> WaitReadyAsync(TimeSpan limit, CancellationToken cancellation)
    {
        var end = DateTime.UtcNow + limit;
        var last = (Ready: false, Says: "does not answer");
        while (DateTime.UtcNow < end && !(last = await ReadyAsync(cancellation)).Ready)
        {
            await Task.Delay(Poll, cancellation);
        }

        return last;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // Resolved once: a silo's address does not change while it is watched.
    private IPEndPoint WebEndpoint() => _webEndpoint ??= Resolve();

    private IPEndPoint Resolve()
    {
        var addresses = Address.HostNameType == UriHostNameType.Dns ? Dns.GetHostAddresses(Address.DnsSafeHost) : [IPAddress.Parse(Address.DnsSafeHost)];
        return new IPEndPoint(addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0], Address.Port);
    }

    // A health report's or problem's own words, when it has them.
    private static string Describe(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Array)
            {
                return string.Join("; ", checks.EnumerateArray().Select(c => c.TryGetProperty("reason", out var r) ? r.GetString() : null).OfType<string>());
            }

            foreach (var key in (string[])["description", "detail", "status"])
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
