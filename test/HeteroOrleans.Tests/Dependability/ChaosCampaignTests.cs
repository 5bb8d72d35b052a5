namespace HeteroOrleans.Tests.Dependability;

[Collection(BusyMachineCollection.Name)]
public sealed class ChaosCampaignTests
{
    [Fact]
    public async Task A_fixed_seed_campaign_of_silo_kills_hangs_slowdowns_and_cpu_load_loses_and_duplicates_no_image()
    {
        var models = new Dictionary<Tier, string> { [Tier.End] = "mobilenet-tiny", [Tier.Edge] = "resnet-tiny", [Tier.Cloud] = "wrn-tiny" };
        // Default job options, but a two-minute deadline: a run that hangs fails the test in minutes, not in ten. The
        // store's faults are tested with silo processes (StoreOutages): a silo of this process that Orleans declares
        // dead stops the whole process, the test host with it.
        var options = new ChaosBenchmarkOptions(
            Runs: 5, Seed: 7, Images: 2000, TimeScale: 4, models, TestPaths.NewModelsDirectory(), Deadline: TimeSpan.FromMinutes(2), StoreFaults: false);
        var log = new List<string>();

        var rows = await new ChaosBenchmark(options, log.Add).RunAsync(SyntheticCifar.Generate(options.Images), TestContext.Current.CancellationToken);

        var summary = ChaosBenchmark.Summary(rows);
        Assert.True(rows.All(r => r.Completed && r.Missing == 0 && r.Duplicated == 0), summary + Environment.NewLine + string.Join(Environment.NewLine, log));
        Assert.Equal("5 of 5 runs completed, 0 images lost, 0 duplicated", summary);
        Assert.Contains(rows, r => r.Faults.Any(f => f.StartsWith("kill", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.Equal(options.Images, r.ImagesOnce));
    }
}
