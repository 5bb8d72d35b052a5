namespace HeteroOrleans.UnitTests.Engine;

public sealed class SecondPassTests
{
    [Fact]
    public void Reassign_gives_a_late_task_up_for_the_first_pass_then_takes_it_through_every_device_in_turn() => GrainLikeContext.Run(async () =>
    {
        // Three tasks, one per end device by index; end-01 is dead. Its task is deferred, then goes to end-01 again
        // (the paper's method pays that time-out again) and on to end-02.
        var engine = await ThreeTasksOnThreeDevicesTheFirstDeadAsync(FaultMethod.Reassign);
        await engine.RunToEndAsync();

        Assert.Equal(["end-01", "end-02", "end-03", "end-01", "end-02"], engine.Link.Calls);
        Assert.Equal(["end-02", "end-02", "end-03"], engine.CoarseDevices().Chunk(10).Select(c => c[0]));
        Assert.Equal((2, 1, 0), (engine.Job.Results.Counters.Timeouts, engine.Job.Results.Counters.Retries, engine.Job.Results.Counters.LostTasks));
    });

    [Fact]
    public void Without_recovery_a_dead_device_loses_its_task_and_only_its_task() => GrainLikeContext.Run(async () =>
    {
        var engine = await ThreeTasksOnThreeDevicesTheFirstDeadAsync(FaultMethod.None);
        await engine.RunToEndAsync();

        Assert.Equal(["end-01", "end-02", "end-03"], engine.Link.Calls);
        Assert.Equal([0], engine.Job.Results.Lost);
        Assert.Equal(20, engine.Job.Results.Ledger.Recorded);
    });

    // Three tasks of ten images under the End scheme, one per end device by index; end-01 is dead from the start.
    private static async Task<EngineHarness> ThreeTasksOnThreeDevicesTheFirstDeadAsync(FaultMethod faults)
    {
        var spec = new JobSpec(SchedulingScheme.End, BatchSize: 10, ImageCount: 30, Faults: faults) { Timeout = TimeSpan.FromMilliseconds(100) };
        var engine = new EngineHarness(spec, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("end-02", Tier.End), EngineHarness.Device("end-03", Tier.End));
        engine.Link.Hang("end-01");
        await engine.SubmitAllAsync();
        return engine;
    }
}
