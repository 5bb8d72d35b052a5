using System.Text.Json;
using HeteroOrleans.Hosting.Web.OpenInference;

namespace HeteroOrleans.UnitTests.Serving;

public sealed class InferRequestReaderTests
{
    [Fact]
    public void A_pixel_tensor_in_height_width_channel_order_reaches_the_devices_plane_by_plane()
    {
        // Pixel (y, x) of image n has red = x, green = y, blue = n.
        var data = new List<int>();
        for (var n = 0; n < 2; n++)
        {
            for (var y = 0; y < 32; y++)
            {
                for (var x = 0; x < 32; x++)
                {
                    data.AddRange([x, y, n]);
                }
            }
        }

        var request = InferRequestReader.Read(Request(new { name = "pixels", datatype = "UINT8", shape = new[] { 2, 32, 32, 3 }, data }, new { deadline_ms = 250, priority = "HIGH" }));

        Assert.Equal((2, TimeSpan.FromMilliseconds(250), RequestPriority.High), (request.Count, request.Deadline, request.Priority));
        var second = request.Pixels.AsSpan(3072, 3072);
        Assert.Equal(7, second[(5 * 32) + 7]);
        Assert.Equal(5, second[1024 + (5 * 32) + 7]);
        Assert.Equal(1, second[2048 + (5 * 32) + 7]);
    }

    [Fact]
    public void A_nested_tensor_reads_as_its_flat_form_and_the_defaults_fill_what_is_not_given()
    {
        var nested = Enumerable.Range(0, 32).Select(_ => Enumerable.Range(0, 32).Select(_ => new[] { 1, 2, 3 }).ToArray()).ToArray();

        var request = InferRequestReader.Read(Request(new { name = "pixels", datatype = "UINT8", shape = new[] { 1, 32, 32, 3 }, data = new[] { nested } }, null));

        Assert.Equal((1, InferRequestReader.DefaultDeadline, RequestPriority.Normal), (request.Count, request.Deadline, request.Priority));
        Assert.Equal((byte)3, request.Pixels[^1]);
    }

    [Theory]
    [InlineData("{\"priority\":\"1\"}", "parameters.priority")]
    [InlineData("{\"priority\":7}", "parameters.priority")]
    [InlineData("{\"deadline_ms\":\"300\"}", "parameters.deadline_ms")]
    [InlineData("{\"deadline_ms\":0}", "parameters.deadline_ms")]
    public void A_parameter_of_the_wrong_kind_is_named(string parameters, string field)
    {
        var body = $$"""{"parameters":{{parameters}},"inputs":[{"name":"pixels","datatype":"UINT8","shape":[1,32,32,3],"data":[]}]}""";

        var error = Assert.Throws<ArgumentException>(() => InferRequestReader.Read(JsonSerializer.Deserialize(body, OpenInferenceJson.Default.InferRequest)!));

        Assert.StartsWith(field, error.Message);
    }

    [Fact]
    public void More_pictures_than_a_request_may_hold_are_refused_before_any_is_decoded()
    {
        var body = Request(new { name = "image", datatype = "BYTES", data = Enumerable.Repeat("AAAA", ServeRequest.MaxImages + 1) }, null);

        var error = Assert.Throws<ArgumentException>(() => InferRequestReader.Read(body));

        Assert.Equal($"inputs[0].data: {ServeRequest.MaxImages + 1} pictures; a request holds at most {ServeRequest.MaxImages}", error.Message);
    }

    private static InferRequest Request(object input, object? parameters) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(new { inputs = new[] { input }, parameters }), OpenInferenceJson.Default.InferRequest)!;
}
