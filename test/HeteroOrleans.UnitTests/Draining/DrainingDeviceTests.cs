using HeteroOrleans.UnitTests.Engine;

namespace HeteroOrleans.UnitTests.Draining;

public sealed class DrainingDeviceTests
{
    [Fact]
    public void Work_a_draining_device_holds_finishes_there_and_no_new_task_goes_to_it() => GrainLikeContext.Run(async () =>
    {
        var spec = new JobSpec(SchedulingScheme.Adaptive, BatchSize: 10, ImageCount: 300, MaxTasksInFlight: 30) { Timeout = TimeSpan.FromSeconds(5) };
        var engine = new EngineHarness(
            spec, EngineHarness.Device("end-01", Tier.End), EngineHarness.Device("end-02", Tier.End), EngineHarness.Device("edge-01", Tier.Edge));
        engine.Link.Speed("end-01", 5).Speed("end-02", 5).Speed("edge-01", 1);
        engine.Monitor.PlaceOn("end-01", "leaving-silo");
        await engine.SubmitAllAsync();
        await engine.RunUntilAsync(() => engine.Link.Calls.Count(c => c == "end-01") >= 2, TimeSpan.FromSeconds(10));

        Assert.Equal(1, await engine.Monitor.DrainAsync("leaving-silo"));

        // The job reads the monitor every 200 ms: what it sent until then is all the draining device gets.
        await engine.PassAsync(TimeSpan.FromMilliseconds(250));
        var sentToLeaving = engine.Link.Calls.Count(c => c == "end-01");
        await engine.RunToEndAsync();

        Assert.Equal(sentToLeaving, engine.Link.Calls.Count(c => c == "end-01"));
        Assert.Equal(spec.ImageCount, engine.Job.Results.Ledger.Recorded);
        Assert.Equal(0, engine.Job.Results.Counters.LostTasks);
        Assert.Equal(0, engine.Job.Results.Counters.Retries);

        // Its held work was answered by it, not sent again elsewhere.
        Assert.Equal(sentToLeaving * spec.BatchSize, engine.CoarseDevices().Count(d => d == "end-01"));
    });

    [Fact]
    public void A_draining_device_answering_a_probe_stays_draining()
    {
        var changes = new List<DeviceHealth>();
        var device = new DeviceHealthRecord(
            new DeviceProfile("edge-01", Tier.Edge, "m", true, LinkProfile.Local, ComputeMode.Emulated, 1),
            SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1), d => changes.Add(d.Health), new FakeTimeProvider());
        device.Probed(answered: true, missedForDown: 2);

        device.Set(DeviceHealth.Draining, "silo is draining", DownCause.Draining);
        device.Probed(answered: true, missedForDown: 2);
        device.Probed(answered: false, missedForDown: 2);
        device.Probed(answered: false, missedForDown: 2);

        Assert.Equal(DeviceHealth.Draining, device.Health);
        Assert.Equal([DeviceHealth.Up, DeviceHealth.Draining], changes);
    }
}
