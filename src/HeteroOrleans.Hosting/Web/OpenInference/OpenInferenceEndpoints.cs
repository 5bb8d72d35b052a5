using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HeteroOrleans.Hosting.Web.OpenInference;

/// <summary>
/// The KServe Open Inference Protocol (v2) over HTTP/JSON on the silo's web port: health, model metadata, and
/// <c>POST /v2/models/cifar100/infer</c>, served by the cluster's inference service. Bad input gets a 4xx with a JSON
/// error naming the field; a full service 429 and one without devices 503, each with <c>Retry-After</c>; a silo with
/// no trusted device (a cloud) refuses pictures with 403.
/// </summary>
public static class OpenInferenceEndpoints
{
    /// <summary>The one model: the hierarchy's coarse (20 super-classes) and fine (100 classes) answers of CIFAR-100.</summary>
    public const string Model = "cifar100";

    /// <summary>The largest request body, bytes: 64 pictures of 64 KiB in base64, with room for JSON.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    private static readonly ModelMetadata Metadata = new(
        Model, ["1"], "hetero-orleans",
        [new("image", "BYTES", [-1]), new("pixels", "UINT8", [-1, 32, 32, 3])],
        [.. InferResponseWriter.Outputs]);

    /// <summary>Maps the protocol's routes.</summary>
    public static void MapOpenInference(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2");
        v2.MapGet("/health/live", () => Results.Ok()).AllowAnonymous();
        v2.MapGet("/health/ready", async (IClusterClient grains) => await ReadyAsync(grains) ? Results.Ok() : Results.StatusCode(503)).AllowAnonymous();
        v2.MapGet("/models", () => Results.Json(new ModelIndex([Metadata]), OpenInferenceJson.Relaxed.ModelIndex));
        v2.MapGet("/models/{name}", (string name) => name == Model ? Results.Json(Metadata, OpenInferenceJson.Relaxed.ModelMetadata) : UnknownModel(name));
        v2.MapGet("/models/{name}/ready", async (string name, IClusterClient grains) =>
            name != Model ? UnknownModel(name) : await ReadyAsync(grains) ? Results.Ok() : Results.StatusCode(503));
        v2.MapPost("/models/{name}/infer", InferAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
    }

    private static async Task<IResult> InferAsync(string name, HttpContext http, IClusterClient grains, HeteroSiloSetup silo)
    {
        if (name != Model)
        {
            return UnknownModel(name);
        }

        // Raw pictures rest only on trusted nodes: a silo whose devices are all untrusted (a cloud) takes none in.
        if (!silo.Devices.Any(d => d.Trusted))
        {
            return Error(403, "this silo hosts no trusted device, and raw pictures may not rest on it: send them to an end or edge silo's web port");
        }

        ServeRequest request;
        InferRequest body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, OpenInferenceJson.Default.InferRequest, http.RequestAborted)
                ?? throw new ArgumentException("body: empty; send an inference request object");
            request = InferRequestReader.Read(body);
        }
        catch (JsonException e)
        {
            return Error(400, $"body: not a JSON inference request ({e.Message.Split(" Path:")[0].TrimEnd('.')}{(e.Path is { } path ? $" at {path}" : "")})");
        }
        catch (ArgumentException e)
        {
            return Error(400, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return Error(e.StatusCode, e.StatusCode == 413 ? $"body: larger than the {MaxBodyBytes:N0} bytes a request may have" : $"body: {e.Message}");
        }

        ServeReply reply;
        try
        {
            reply = await grains.GetInferenceService().ClassifyAsync(request, http.RequestAborted);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !http.RequestAborted.IsCancellationRequested)
        {
            // The service's silo died or cannot be reached just now: the request was not served, and may be sent again.
            http.Response.Headers.RetryAfter = "1";
            return Error(503, $"the inference service could not be reached: {e.GetBaseException().Message}");
        }
        switch (reply.Outcome)
        {
            case ServeOutcome.Refused or ServeOutcome.Expired:
                var full = reply.Reason?.StartsWith("the service is full", StringComparison.Ordinal) == true;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(reply.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Error(full ? 429 : 503, reply.Reason ?? "refused");
            case ServeOutcome.Cancelled:
                return Error(499, "cancelled by the caller");
            default:
                return Results.Json(InferResponseWriter.Write(Model, body.Id, reply), OpenInferenceJson.Relaxed.InferResponse);
        }
    }

    private static async Task<bool> ReadyAsync(IClusterClient grains)
    {
        try
        {
            return (await grains.GetDeviceMonitor().GetAvailableAsync().WaitAsync(TimeSpan.FromSeconds(2))).Count > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static IResult UnknownModel(string name) => Error(404, $"model: '{name}' is not served here (only '{Model}')");

    private static IResult Error(int status, string message) => Results.Json(new InferError(message), OpenInferenceJson.Relaxed.InferError, statusCode: status);
}
