namespace HeteroOrleans.UnitTests.Engine;

public sealed class SuspicionTests
{
    [Fact]
    public void A_suspected_device_takes_no_new_task_until_the_monitor_hears_from_it_again() => GrainLikeContext.Run(async () =>
    {
        var spec = new JobSpec(SchedulingScheme.End, BatchSize: 10, ImageCount: 10) { Timeout = TimeSpan.FromMilliseconds(100) };
        var engine = new EngineHarness(spec, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("end-02", Tier.End));
        var view = engine.Job.View;
        await view.RefreshAsync();

        Assert.True(view.Suspect("end-01"));
        Assert.False(view.Suspect("end-01"));
        Assert.False(view.IsLive("end-01"));
        Assert.Equal(["end-02"], view.LiveSet().End);

        // An answer to a probe older than the suspicion clears nothing; a newer one does.
        engine.Monitor.Set("end-01", DeviceHealth.Up, answeredUtc: DateTime.UnixEpoch);
        await engine.PassAsync(TimeSpan.FromSeconds(1));
        await view.RefreshAsync();
        Assert.False(view.IsLive("end-01"));

        engine.Monitor.Set("end-01", DeviceHealth.Up, answeredUtc: engine.Time.GetUtcNow().UtcDateTime);
        await engine.PassAsync(TimeSpan.FromSeconds(1));
        await view.RefreshAsync();
        Assert.True(view.IsLive("end-01"));
    });

    [Fact]
    public void Tasks_wait_visibly_while_a_role_has_no_live_device_and_go_on_when_one_comes_back() => GrainLikeContext.Run(async () =>
    {
        var spec = new JobSpec(SchedulingScheme.EndEdge, BatchSize: 10, ImageCount: 20) { Timeout = TimeSpan.FromMilliseconds(100) };
        var engine = new EngineHarness(spec, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("edge-01", Tier.Edge));
        engine.Monitor.Set("edge-01", DeviceHealth.Down);

        await engine.SubmitAllAsync();
        await engine.RunUntilAsync(() => engine.Job.View.WaitingFor is not null, TimeSpan.FromSeconds(1));
        Assert.Equal("an Edge device", engine.Job.View.WaitingFor);
        Assert.Empty(engine.Link.Calls);

        engine.Monitor.Set("edge-01", DeviceHealth.Up, answeredUtc: engine.Time.GetUtcNow().UtcDateTime);
        await engine.RunToEndAsync();

        Assert.Equal(20, engine.Job.Results.Ledger.Recorded);
        Assert.Null(engine.Job.View.WaitingFor);
    });
}
