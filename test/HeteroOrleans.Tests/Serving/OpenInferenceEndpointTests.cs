using System.Net;
using System.Text;
using System.Text.Json;

namespace HeteroOrleans.Tests.Serving;

/// <summary>
/// The Open Inference Protocol endpoint of a running silo: pictures and tensors answered by their deadline (fine, or
/// coarse at the deadline), bad requests refused with a 4xx naming the field, and a full service answering 429.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class OpenInferenceEndpointTests(ServingSiloFixture silo)
{
    private const string Infer = "/v2/models/cifar100/infer";

    [Fact]
    public async Task A_picture_gets_its_coarse_and_fine_answers_with_class_names_by_a_generous_deadline()
    {
        var response = await silo.PostAsync(Infer, Request(TestPictures.PngBase64(48, 40), deadlineMs: 10_000));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var outputs = Outputs(response.Body);
        Assert.Equal("fine_in_time", response.Body.RootElement.GetProperty("parameters").GetProperty("outcome").GetString());
        Assert.True(outputs["fine_in_time"][0].GetBoolean());
        Assert.Equal("edge", outputs["fine_tier"][0].GetString());
        Assert.Equal("edge-01", outputs["fine_device"][0].GetString());
        Assert.Contains(outputs["fine_class"][0].GetString(), HeteroOrleans.Inference.Cifar.CifarLabels.Fine);
        Assert.Contains(outputs["coarse_class"][0].GetString(), HeteroOrleans.Inference.Cifar.CifarLabels.Coarse);
        Assert.Equal("end-01", outputs["coarse_device"][0].GetString());
    }

    [Fact]
    public async Task A_deadline_before_the_fine_answer_can_come_ends_the_request_with_its_coarse_answers()
    {
        // The edge's link takes 600 ms a round trip: no fine answer can come within 150 ms.
        var pixels = Enumerable.Range(0, 2 * 3072).Select(i => (object)(i * 31 % 256)).ToArray();
        var body = JsonSerializer.Serialize(new
        {
            inputs = new[] { new { name = "pixels", datatype = "UINT8", shape = new[] { 2, 32, 32, 3 }, data = pixels } },
            parameters = new { deadline_ms = 150 },
        });

        var response = await silo.PostAsync(Infer, body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("coarse_at_deadline", response.Body.RootElement.GetProperty("parameters").GetProperty("outcome").GetString());
        var outputs = Outputs(response.Body);
        Assert.Equal([false, false], outputs["fine_in_time"].Select(e => e.GetBoolean()));
        Assert.Equal([-1, -1], outputs["fine_label"].Select(e => e.GetInt32()));
        Assert.All(outputs["fine_confidence"].Concat(outputs["fine_class"]), e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.ValueKind));
        Assert.All(outputs["coarse_label"], e => Assert.InRange(e.GetInt32(), 0, 19));
    }

    /// <summary>Bad requests, each with the status and the words its error must say: a table in bad-requests.json beside this file.</summary>
    public static TheoryData<string, int, string> BadRequests()
    {
        var data = new TheoryData<string, int, string>();
        using var cases = JsonDocument.Parse(File.ReadAllText(TestPaths.Repository("test/HeteroOrleans.Tests/Serving/bad-requests.json")));
        foreach (var c in cases.RootElement.EnumerateArray())
        {
            data.Add(c.GetProperty("body").GetString()!, c.GetProperty("status").GetInt32(), c.GetProperty("error").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_gets_a_4xx_naming_the_field(string body, int status, string error)
    {
        var response = await silo.PostAsync(Infer, body);

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Contains(error, response.Body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_decompression_bomb_an_unknown_model_and_an_oversized_body_are_refused_by_name()
    {
        var bomb = await silo.PostAsync(Infer, Request(TestPictures.PngHeaderOnlyBase64(20_000, 20_000), deadlineMs: 1000));
        var unknown = await silo.PostAsync("/v2/models/resnet/infer", "{}");
        var oversized = await silo.PostDeclaringLengthAsync(Infer, 9 * 1024 * 1024);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (bomb.Status, unknown.Status));
        Assert.Contains("20000×20000 picture is larger than", bomb.Body.RootElement.GetProperty("error").GetString());
        Assert.Contains("model: 'resnet' is not served here", unknown.Body.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("HTTP/1.1 413", oversized);
        Assert.Contains("body: larger than", oversized);
    }

    [Fact]
    public async Task A_full_service_refuses_with_429_and_retry_after_and_every_request_ends_answered_or_refused()
    {
        // The silo admits 4 requests at once; 16 arrive together, each waiting its fine answer for 2 s at most.
        var body = Request(TestPictures.PngBase64(32, 32), deadlineMs: 2000);
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => silo.PostWithHeadersAsync(Infer, body)));

        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{r.Status}"));
        var refused = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.RetryAfter is > 0, "a refusal says when to try again"));
        Assert.Contains(responses, r => r.Status == HttpStatusCode.OK);
        var counts = await silo.Silo.Grains.GetInferenceService().GetCountsAsync();
        Assert.Equal(0, counts.InFlight);
    }

    [Fact]
    public async Task The_health_and_model_routes_answer_as_the_protocol_says()
    {
        using var http = silo.Http();
        var cancel = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/health/live", cancel)).StatusCode);
        await Poll.UntilAsync(async () => (await http.GetAsync("/v2/health/ready", cancel)).IsSuccessStatusCode, "the silo to be ready");
        using var model = JsonDocument.Parse(await http.GetStringAsync("/v2/models/cifar100", cancel));
        Assert.Equal("cifar100", model.RootElement.GetProperty("name").GetString());
        Assert.Equal(["image", "pixels"], model.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v2/models/nope", cancel)).StatusCode);
    }

    private static string Request(string base64Picture, int deadlineMs) => JsonSerializer.Serialize(new
    {
        id = "t",
        inputs = new[] { new { name = "image", datatype = "BYTES", shape = new[] { 1 }, data = new[] { base64Picture } } },
        parameters = new { deadline_ms = deadlineMs },
    });

    private static Dictionary<string, JsonElement[]> Outputs(JsonDocument body) => body.RootElement.GetProperty("outputs").EnumerateArray()
        .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("data").EnumerateArray().ToArray());
}
