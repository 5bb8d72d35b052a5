using System.Net;
using System.Net.Sockets;
using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Tests.Dependability;

[Collection(BusyMachineCollection.Name)]
public sealed class BusyMachineTests
{
    // Eight busy loops on this 2-core machine: with the fixed time-outs of old, the demo lost 1,200 of its images.
    private const int HogLoops = 8;

    [Fact]
    public async Task The_default_demo_configuration_completes_with_no_image_missing_on_a_busy_machine()
    {
        await using var cluster = await StartDemoClusterAsync();

        JobReport report;
        using (new CpuHog(HogLoops))
        {
            report = await new JobRunner(cluster.Grains).RunAsync(SyntheticCifar.Generate(2000), new JobSpec(), null, TestContext.Current.CancellationToken);
        }

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(0, report.MissingImageCount);
        Assert.Equal(0, report.LostTasks);
        Assert.Equal(2000, report.ImagesRecorded);
    }

    [Fact]
    public async Task Ten_concurrent_jobs_with_default_options_all_complete_on_a_busy_machine()
    {
        await using var cluster = await StartDemoClusterAsync();

        JobReport[] reports;
        using (new CpuHog(2))
        {
            reports = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                new JobRunner(cluster.Grains).RunAsync(SyntheticCifar.Generate(1000, seed: i), new JobSpec(), null, TestContext.Current.CancellationToken)));
        }

        Assert.All(reports, r => Assert.Equal(JobState.Completed, r.State));
        Assert.All(reports, r => Assert.Equal(1000, r.ImagesRecorded));
        Assert.All(reports, r => Assert.Equal(0, r.MissingImageCount));
    }

    [Fact]
    public async Task A_job_without_fault_tolerance_and_without_failures_completes_on_a_busy_machine()
    {
        await using var cluster = await StartDemoClusterAsync();

        JobReport report;
        using (new CpuHog(HogLoops))
        {
            report = await new JobRunner(cluster.Grains).RunAsync(
                SyntheticCifar.Generate(1000), new JobSpec(Faults: FaultMethod.None), null, TestContext.Current.CancellationToken);
        }

        Assert.Equal(JobState.Completed, report.State);
        Assert.Equal(0, report.LostTasks);
    }

    private static async Task<LocalCluster> StartDemoClusterAsync()
    {
        var cluster = await LocalCluster.StartAsync(DemoSettings(), TestContext.Current.CancellationToken);
        await cluster.WaitForDevicesAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return cluster;
    }

    // The shipped end, edge and cloud configs (8 end devices, 4 edges, a cloud; real ONNX), on free ports, with models
    // built in a folder of the test's own.
    private static readonly Lazy<(IReadOnlyList<SiloSettings> Shipped, string Models)> Shipped = new(() =>
    {
        var models = TestPaths.NewModelsDirectory();
        var shipped = LocalCluster.LoadSettings(Path.GetDirectoryName(TestPaths.Repository(Path.Combine("silo-configs", "end.json")))!, null);
        var store = ModelStore.Open(models);
        foreach (var model in shipped.SelectMany(s => s.Devices).Select(d => d.ModelId).Distinct())
        {
            store.EnsureBuilt(model);
        }

        return (shipped, models);
    });

    private static IReadOnlyList<SiloSettings> DemoSettings()
    {
        var (shipped, models) = Shipped.Value;
        var cluster = $"busy-{Guid.NewGuid():N}";
        var primary = FreePorts.Next();
        return shipped.Select((s, i) => SiloConfigLoader.LoadFile(
            TestPaths.Repository(Path.Combine("silo-configs", LocalCluster.DemoConfigFiles[i])),
            [
                $"--Silo:ClusterId={cluster}", $"--Silo:ServiceId={cluster}",
                $"--Silo:SiloPort={(i == 0 ? primary : FreePorts.Next())}", $"--Silo:GatewayPort={FreePorts.Next()}", "--Silo:Dashboard:Port=0",
                $"--Silo:Clustering:PrimarySiloEndpoint=127.0.0.1:{primary}", $"--Silo:ModelsDirectory={models}",
                $"--Silo:Jobs:Directory={Path.Combine(models, cluster)}",
            ])).ToList();
    }
}
