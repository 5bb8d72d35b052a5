using System.Net;
using System.Net.Http.Headers;

namespace HeteroOrleans.Tests.Security;

public sealed class WebAccessTests
{
    [Fact]
    public async Task A_web_port_beyond_loopback_answers_401_without_the_silos_token_and_health_checks_without_one()
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokenFile = Path.Combine(TestPaths.NewTempDirectory(), "web.token");
        await File.WriteAllTextAsync(tokenFile, token + "\n", TestContext.Current.CancellationToken);
        DeviceProfile[] devices = [new("end-01", Tier.End, "mobilenet-tiny", true, LinkProfile.Local, ComputeMode.Emulated, 1, MsPerImage: 1)];
        await using var silo = await SingleSilo.StartAsync(devices, TestPaths.NewModelsDirectory(), TestContext.Current.CancellationToken,
            new Dictionary<string, string?> { ["Silo:Dashboard:Host"] = "0.0.0.0", ["Silo:Dashboard:TokenFile"] = tokenFile });
        using var http = new HttpClient { BaseAddress = new Uri(silo.Url.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) };
        var cancel = TestContext.Current.CancellationToken;

        foreach (var path in new[] { "/devices.json", "/metrics", "/", "/v2/models" })
        {
            using var refused = await http.GetAsync(path, cancel);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {refused.StatusCode}");
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        }

        using var infer = await http.PostAsync("/v2/models/cifar100/infer", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, infer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/health/live", cancel)).StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/devices.json") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + "0") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong, cancel)).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/devices.json", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/models", cancel)).StatusCode);
    }
}
