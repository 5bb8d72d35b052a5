using System.Net;
using System.Text;

namespace HeteroOrleans.Tests.Serving;

/// <summary>A silo whose devices are all untrusted (a cloud) takes no raw picture in over its web port.</summary>
[Collection(ServingCollection.Name)]
public sealed class UntrustedSiloTests
{
    [Fact]
    public async Task A_silo_of_untrusted_devices_refuses_pictures_with_403_before_reading_them()
    {
        DeviceProfile[] devices = [new("cloud-01", Tier.Cloud, "wrn-tiny", false, LinkProfile.Local, ComputeMode.Onnx, 1)];
        var cancel = TestContext.Current.CancellationToken;
        await using var silo = await SingleSilo.StartAsync(devices, TestPaths.NewModelsDirectory(), cancel);
        using var http = new HttpClient { BaseAddress = new Uri(silo.Url) };

        using var response = await http.PostAsync("/v2/models/cifar100/infer", new StringContent("{}", Encoding.UTF8, "application/json"), cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no trusted device", await response.Content.ReadAsStringAsync(cancel));
    }
}
