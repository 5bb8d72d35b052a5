using System.Text.Json;
using System.Text.Json.Serialization;
using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Grains.Links;

namespace HeteroOrleans.Hosting.Web;

/// <summary>
/// The live state of the cluster's devices and jobs, served by every silo beside the Orleans dashboard:
/// <c>/devices</c> (a page that refreshes itself) and <c>/devices.json</c>.
/// </summary>
public static class DeviceStateEndpoints
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TraceWindow = TimeSpan.FromMinutes(5);
    private const int RecentTracesLimit = 100;

    // Jobs go out as the board holds them: camelCase names, states as words.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Maps the device page and its JSON.</summary>
    public static void MapDeviceState(this WebApplication app)
    {
        app.MapGet("/devices.json", async (IGrainFactory grains, IClusterMembershipService membership, LinkMeter links) =>
            Results.Json(await SnapshotAsync(grains, membership, links), Json));
        app.MapGet("/devices", () => Results.Content(Page.Value, "text/html; charset=utf-8"));

        // The traces live on the inference service's silo; any silo's page shows them.
        app.MapGet("/traces.json", async (IGrainFactory grains, int? slowest) =>
        {
            if (slowest is < 0 or > RecentTracesLimit)
            {
                return Results.Problem($"slowest={slowest}: from 0 (every trace kept) to {RecentTracesLimit}", statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                return Results.Json(await grains.GetInferenceService().GetTracesAsync(slowest ?? 0, TraceWindow).WaitAsync(StatusTimeout * 5), Json);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Results.Problem($"the inference service did not give its traces: {e.Message.Split('\n', 2)[0]}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(DeviceStateEndpoints).Assembly.GetManifestResourceStream("HeteroOrleans.Hosting.devices.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static async Task<object> SnapshotAsync(IGrainFactory grains, IClusterMembershipService membership, LinkMeter links)
    {
        var monitor = grains.GetDeviceMonitor();
        var devices = await monitor.GetDevicesAsync();
        var activeSilos = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToString()).ToHashSet();
        var rows = await Task.WhenAll(devices.Select(async d =>
        {
            // A device that is down or hung does not answer: show what the monitor knows, without its counters. A device
            // whose silo this silo already knows to be gone is not asked either (the call could only fail, noisily).
            DeviceStatus? status = null;
            if (d.Health != DeviceHealth.Down && activeSilos.Contains(d.SiloAddress))
            {
                try
                {
                    status = await grains.GetDevice(d.Profile.Tier, d.Profile.Id).GetStatusAsync().WaitAsync(StatusTimeout);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever a device that just died answers with (a time-out, a rejected message, a connection
                    // reset), the page shows what the monitor knows; one device never takes the page down.
                }
            }

            return new
            {
                id = d.Profile.Id,
                tier = d.Profile.Tier.ToString(),
                silo = d.SiloAddress,
                model = status is { Models.Length: > 0 } ? status.Models : d.Profile.ModelId,
                trusted = d.Profile.Trusted,
                mode = d.Profile.ComputeMode.ToString(),
                status = d.Health.ToString().ToLowerInvariant(),
                reason = d.Reason,
                tasksDone = status?.TasksDone,
                inFlight = status?.InFlight,
                msPerImage = status?.RecentMsPerImage,
                batch = status?.RecentBatch,
                linkLatencyMs = d.Profile.Link.RoundTripLatencyMs,
                linkBandwidthMbps = d.Profile.Link.BandwidthMbps,
                measuredLink = links.Of(d.Profile.Id) is { } measured
                    ? new { roundTripMs = Finite(measured.RoundTripMs), bandwidthMbps = Finite(measured.BandwidthMbps), measured.Samples, measured.Changes, measured.ChangedUtc }
                    : null,
            };
        }));
        IReadOnlyList<JobSummary> jobs = [];
        try
        {
            jobs = await grains.GetJobBoard().GetJobsAsync().WaitAsync(StatusTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The board moves when its silo dies; until then the page shows devices without jobs rather than fail.
        }

        return new { updatedUtc = DateTime.UtcNow, devices = rows, jobs };
    }

    // JSON has no NaN: a figure not measured yet is null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
