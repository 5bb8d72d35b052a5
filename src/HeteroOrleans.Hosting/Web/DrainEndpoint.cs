namespace HeteroOrleans.Hosting.Web;

/// <summary>
/// <c>POST /silo/drain</c>: the silo leaves the cluster gracefully and stops, as on SIGTERM (see
/// <see cref="Draining.SiloDrainer"/>). It answers at once with how long the stop may take; the caller watches the silo
/// go. The body must be JSON (<c>{}</c> will do): a browser page of another site cannot send that without the silo's
/// consent, so a page open on the operator's machine cannot stop a silo that listens on loopback.
/// </summary>
internal static class DrainEndpoint
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/silo/drain";

    /// <summary>Maps the endpoint; an embedded silo (one of <c>hetero demo</c>'s) refuses, as its program owns its stop.</summary>
    public static void MapDrain(this WebApplication app, bool embedded) =>
        app.MapPost(Path, (HttpRequest request, SiloSettings settings, IHostApplicationLifetime lifetime, SiloDrain drain) =>
        {
            if (!request.HasJsonContentType())
            {
                return Results.Problem($"{Path} takes a JSON body ({{}} will do), sent as application/json", statusCode: StatusCodes.Status415UnsupportedMediaType);
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
}
