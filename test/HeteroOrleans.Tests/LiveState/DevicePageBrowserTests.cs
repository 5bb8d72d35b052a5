using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HeteroOrleans.Tests.LiveState;

public sealed partial class DevicePageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_device_page_shows_every_device_and_its_rows_change_while_a_job_runs()
    {
        Assert.SkipWhen(!File.Exists(Chromium), $"{Chromium} is not installed (.ci/run installs Debian's chromium)");
        var devices = new[]
        {
            Emulated(Tier.End, "end-01", "mobilenet-tiny", 20), Emulated(Tier.End, "end-02", "mobilenet-tiny", 20),
            Emulated(Tier.Edge, "edge-01", "resnet-tiny", 10),
        };
        await using var silo = await SingleSilo.StartAsync(devices, TestPaths.NewModelsDirectory(), TestContext.Current.CancellationToken);
        var settled = 0;
        var job = new JobRunner(silo.Grains).RunAsync(SyntheticCifar.Generate(1000), new JobSpec(SchedulingScheme.EndEdge), n => settled = n,
            TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => settled >= 1 || job.IsCompleted, "the first task to settle");

        var first = await RenderAsync($"{silo.Url}/devices");
        await Task.Delay(2000, TestContext.Current.CancellationToken);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "devices.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        var second = await RenderAsync($"{silo.Url}/devices", $"--screenshot={screenshot}", "--window-size=1400,700");
        var dashboard = await RenderAsync($"{silo.Url}/");
        var report = await job;

        Assert.Equal(["end-01", "end-02", "edge-01"], DeviceRows().Matches(first).Select(m => m.Groups[1].Value));
        Assert.NotEqual(TasksDone(first), TasksDone(second));
        Assert.Contains("Running", first);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot was saved");
        Assert.Contains("Orleans", dashboard);
        Assert.Contains("href=\"/devices\"", dashboard);
        Assert.Equal(JobState.Completed, report.State);
    }

    // The tasks-done cell of every device row: it grows as the job runs.
    private static string TasksDone(string dom) =>
        string.Join(",", DeviceRows().Matches(dom).Select(m => CellRegex().Matches(m.Value)[7].Groups[1].Value));

    private static async Task<string> RenderAsync(string url, params string[] extra)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--virtual-time-budget=3000" }
                     .Concat(extra).Append(extra.Length == 0 ? "--dump-dom" : string.Empty).Where(a => a.Length > 0).Append(url))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return await dom;
    }

    private static HeteroOrleans.Contracts.Devices.DeviceProfile Emulated(Tier tier, string id, string model, double msPerImage) =>
        new(id, tier, model, true, HeteroOrleans.Contracts.Devices.LinkProfile.Local, HeteroOrleans.Contracts.Devices.ComputeMode.Emulated, 1, MsPerImage: msPerImage);

    [GeneratedRegex("<tr data-device=\"([^\"]+)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex DeviceRows();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellRegex();
}
