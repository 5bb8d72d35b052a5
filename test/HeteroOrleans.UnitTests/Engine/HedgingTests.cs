namespace HeteroOrleans.UnitTests.Engine;

public sealed class HedgingTests
{
    private static readonly JobSpec OneTask = new(SchedulingScheme.End, BatchSize: 10, ImageCount: 10) { Timeout = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public void A_device_that_stops_answering_is_suspected_and_its_stage_backed_up_by_a_peer() => GrainLikeContext.Run(async () =>
    {
        var engine = new EngineHarness(OneTask, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("end-02", Tier.End));
        engine.Link.Hang("end-01");

        await engine.SubmitAllAsync();
        await engine.RunToEndAsync();

        Assert.Equal(["end-01", "end-02"], engine.Link.Calls);
        Assert.All(engine.CoarseDevices(), device => Assert.Equal("end-02", device));
        Assert.Equal((1, 1, 1), (engine.Job.Results.Counters.Timeouts, engine.Job.Results.Counters.Hedges, engine.Job.Results.Counters.HedgesWon));
        Assert.Equal("end-01", Assert.Single(engine.Monitor.Suspicions).Device);
    });

    [Fact]
    public void A_straggler_that_answers_before_its_backup_wins_and_the_backup_counts_as_wasted() => GrainLikeContext.Run(async () =>
    {
        // end-01 takes 0.4 s where 30 ms were expected; the backup on end-02 waits 1 s behind its own work.
        var engine = new EngineHarness(OneTask, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("end-02", Tier.End));
        engine.Link.Speed("end-01", 40).Speed("end-02", 100);

        await engine.SubmitAllAsync();
        await engine.RunToEndAsync();

        Assert.Equal(["end-01", "end-02"], engine.Link.Calls);
        Assert.All(engine.CoarseDevices(), device => Assert.Equal("end-01", device));
        Assert.Equal((1, 0, 10L), (engine.Job.Results.Counters.Hedges, engine.Job.Results.Counters.HedgesWon, engine.Job.Results.Counters.WastedImages));
    });

    [Fact]
    public void A_slow_device_is_late_only_after_its_expected_time_and_the_communication_time_out() => GrainLikeContext.Run(async () =>
    {
        // Expected: (1 ms + 4 × 0.5 ms) per image × 10 = 30 ms; then 100 ms more. At 120 ms the device is slow, not late.
        var engine = new EngineHarness(OneTask, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("end-02", Tier.End));
        engine.Link.Speed("end-01", 12);

        await engine.SubmitAllAsync();
        await engine.RunToEndAsync();

        Assert.Equal(["end-01"], engine.Link.Calls);
        Assert.Equal(0, engine.Job.Results.Counters.Timeouts);
        Assert.Empty(engine.Monitor.Suspicions);
    });
}
