using System.Text.Json;

namespace HeteroOrleans.Hosting.Web;

/// <summary>
/// <c>POST /silo/drain</c>: the silo leaves the cluster gracefully and stops, as on SIGTERM (see
/// <see cref="Draining.SiloDrainer"/>). It answers at once with how long the stop may take; the caller watches the silo
/// go. The body must be a JSON object (<c>{}</c> will do): a browser page of another site cannot send that without the
/// silo's consent. Without a token, the request must also name a loopback host or the silo's own: a page of another
/// site whose name was made to point at 127.0.0.1 (DNS rebinding) names its own.
/// </summary>
internal static class DrainEndpoint
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/silo/drain";

    /// <summary>Maps the endpoint; an embedded silo (one of <c>hetero demo</c>'s) refuses, as its program owns its stop.</summary>
    public static void MapDrain(this WebApplication app, bool embedded) =>
        app.MapPost(Path, async (HttpRequest request, SiloSettings settings, IHostApplicationLifetime lifetime, SiloDrain drain) =>
        {
            if (settings.WebToken is null && !OwnHost(request.Host.Host, settings))
            {
                return Results.Problem($"{Path} takes requests for this silo's own host name only (this one named '{request.Host.Host}')",
                    statusCode: StatusCodes.Status403Forbidden);
            }

            if (!request.HasJsonContentType() || !await IsJsonObjectAsync(request))
            {
                return Results.Problem($"{Path} takes a JSON object as its body ({{}} will do), sent as application/json",
                    statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            if (embedded)
            {
                return Results.Problem($"silo '{settings.Name}' runs inside another program; stop that program instead", statusCode: StatusCodes.Status409Conflict);
            }

            var already = drain.IsDraining;
            lifetime.StopApplication();
            var drainFor = settings.Options.DrainTimeout;
            return Results.Accepted(value: new
            {
                silo = settings.Name,
                alreadyDraining = already,
                drainTimeoutSeconds = drainFor.TotalSeconds,
                stopsWithinSeconds = (drainFor + HeteroSiloOptions.ShutdownAfterDrain).TotalSeconds,
            });
        });

    private static bool OwnHost(string host, SiloSettings settings) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host == settings.Options.Dashboard.Host || host == settings.Options.AdvertisedIp
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static async Task<bool> IsJsonObjectAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
