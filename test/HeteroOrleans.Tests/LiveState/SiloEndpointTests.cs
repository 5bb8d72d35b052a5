using System.Text.Json;

namespace HeteroOrleans.Tests.LiveState;

public sealed class SiloEndpointTests
{
    [Fact]
    public async Task A_silo_serves_health_device_state_and_prometheus_metrics_of_its_work()
    {
        DeviceProfile[] devices = [new("end-01", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Onnx, 1)];
        await using var silo = await SingleSilo.StartAsync(devices, TestPaths.NewModelsDirectory(), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Url) };
        var cancel = TestContext.Current.CancellationToken;

        Assert.Equal("Healthy", await http.GetStringAsync("/health/live", cancel));
        await Poll.UntilAsync(async () => (await http.GetAsync("/health/ready", cancel)).IsSuccessStatusCode, "the silo to be ready");
        using (var ready = JsonDocument.Parse(await http.GetStringAsync("/health/ready", cancel)))
        {
            var check = ready.RootElement.GetProperty("checks").EnumerateArray().Single();
            Assert.Equal("Healthy", ready.RootElement.GetProperty("status").GetString());
            Assert.Equal("active member, models loaded", check.GetProperty("reason").GetString());
        }

        // The meter is process-wide and other tests' silos run devices named end-01 too: compare before and after.
        var before = await ImagesCountedAsync(http, cancel);
        await new JobRunner(silo.Grains).RunAsync(SyntheticCifar.Generate(100), new JobSpec(SchedulingScheme.End), null, cancel);

        using var state = JsonDocument.Parse(await http.GetStringAsync("/devices.json", cancel));
        var device = state.RootElement.GetProperty("devices").EnumerateArray().Single();
        Assert.Equal("end-01", device.GetProperty("id").GetString());
        Assert.Equal("up", device.GetProperty("status").GetString());
        Assert.Equal(2, device.GetProperty("tasksDone").GetInt32());
        var job = state.RootElement.GetProperty("jobs").EnumerateArray().First();
        Assert.Equal("Completed", job.GetProperty("state").GetString());
        Assert.Equal(100, job.GetProperty("coarseLatency").GetProperty("images").GetInt32());

        await Poll.UntilAsync(async () => await ImagesCountedAsync(http, cancel) >= before + 100, "the metrics to count the job's 100 images");
        var metrics = await http.GetStringAsync("/metrics", cancel);
        Assert.Contains("hetero_job_answer_latency_seconds_bucket{", metrics);
        Assert.Contains("stage=\"coarse\"", metrics);
        Assert.Contains("hetero_device_batch_duration_seconds_bucket{", metrics);
    }

    private static async Task<double> ImagesCountedAsync(HttpClient http, CancellationToken cancel)
    {
        var metrics = await http.GetStringAsync("/metrics", cancel);
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("hetero_device_images_total{", StringComparison.Ordinal) && l.Contains("device=\"end-01\""));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
