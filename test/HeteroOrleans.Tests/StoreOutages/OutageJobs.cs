using System.Diagnostics;
using System.Text.RegularExpressions;
using HeteroOrleans.Tests.Deployment;

namespace HeteroOrleans.Tests.StoreOutages;

/// <summary>What the store-outage tests do alike: submit a job through the console, wait until it runs, read a silo's readiness.</summary>
internal static partial class OutageJobs
{
    /// <summary>How long a store stays away in these tests.</summary>
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    /// <summary>The console's arguments that submit <paramref name="images"/> synthetic images to <paramref name="cluster"/> through <paramref name="gateways"/>.</summary>
    public static string[] Submit(string cluster, int images, params SiloProcess[] gateways) =>
        ["submit", "--cluster-id", cluster, "--service-id", cluster, "--images", images.ToString(System.Globalization.CultureInfo.InvariantCulture),
         .. gateways.SelectMany(s => new[] { "--gateway", $"127.0.0.1:{s.GatewayPort}" })];

    /// <summary>Waits until the job the console runs says where it runs; the silo port it names.</summary>
    public static async Task<int> WaitStartedAsync(Process job, ProcessOutput output)
    {
        await Poll.UntilAsync(() => Task.FromResult(output.ToString()), o => JobSilo().IsMatch(o) || job.HasExited,
            "the job to start", TimeSpan.FromSeconds(120), seen: o => o);
        Assert.False(job.HasExited, output.ToString());
        return int.Parse(JobSilo().Match(output.ToString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What the silo's <c>/health/ready</c> says; empty while it does not answer.</summary>
    public static async Task<string> ReadyAsync(SiloProcess silo)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{silo.DashboardPort}/health/ready");
            return await response.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return string.Empty;
        }
    }

    /// <summary>Waits until the silo says on <c>/health/ready</c> that its membership store is away.</summary>
    public static Task WaitDegradedAsync(SiloProcess silo) =>
        Poll.UntilAsync(() => ReadyAsync(silo), r => r.Contains("Degraded", StringComparison.Ordinal) && r.Contains("membership store", StringComparison.Ordinal),
            $"silo {silo.Name}'s /health/ready to say it is degraded", TimeSpan.FromSeconds(20), seen: r => r);

    [GeneratedRegex(@"runs on silo S127\.0\.0\.1:(\d+):")]
    private static partial Regex JobSilo();
}
