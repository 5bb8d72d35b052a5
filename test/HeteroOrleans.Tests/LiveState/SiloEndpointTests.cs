using System.Net;
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

    [Fact]
    public async Task The_drain_endpoint_takes_only_a_json_object_for_the_silo_s_own_host()
    {
        DeviceProfile[] devices = [new("end-01", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Emulated, 1)];
        await using var silo = await SingleSilo.StartAsync(devices, TestPaths.NewModelsDirectory(), TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Url) };
        async Task<HttpStatusCode> PostAsync(string body, string type, string? host = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/silo/drain") { Content = new StringContent(body, System.Text.Encoding.UTF8, type) };
            if (host is not null)
            {
                request.Headers.Host = host;
            }

            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        // A form, text, or JSON that is not an object: a cross-site page could send the first two without asking.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync("x=1", "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync("{}", "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync("this is not json", "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync("[1]", "application/json"));

        // A page whose name was rebound to 127.0.0.1 sends its own name.
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("{}", "application/json", host: "evil.example"));

        // The request a user sends passes every check; this silo runs inside the test, whose program owns its stop.
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync("{}", "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync("{}", "application/json", host: "localhost"));
    }

    private static async Task<double> ImagesCountedAsync(HttpClient http, CancellationToken cancel)
    {
        var metrics = await http.GetStringAsync("/metrics", cancel);
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("hetero_device_images_total{", StringComparison.Ordinal) && l.Contains("device=\"end-01\""));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
