namespace HeteroOrleans.UnitTests.Monitoring;

public sealed class DeviceHealthRecordTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<DeviceHealth> _changes = [];

    [Fact]
    public void A_device_that_never_answered_is_not_held_to_its_probes()
    {
        var device = Record();

        Probe(device, missedForDown: 2, false, false);

        Assert.Equal(DeviceHealth.Up, device.Health);
        Assert.Empty(_changes);
    }

    [Fact]
    public void One_missed_probe_makes_a_device_suspected_and_enough_in_a_row_make_it_down_until_it_answers()
    {
        var device = Record();
        device.Probed(answered: true, missedForDown: 2);

        device.Probed(answered: false, missedForDown: 2);
        Assert.Equal(DeviceHealth.Suspected, device.Health);
        device.Probed(answered: false, missedForDown: 2);
        Assert.Equal((DeviceHealth.Down, "missed 2 probes"), (device.Health, device.Reason));

        _time.Advance(TimeSpan.FromSeconds(3));
        device.Probed(answered: true, missedForDown: 2);
        Assert.Equal(DeviceHealth.Up, device.Health);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, device.LastAnswerUtc);
        // Its first answer is news too: a job that suspected it clears the suspicion only on an answer newer than it.
        Assert.Equal([DeviceHealth.Up, DeviceHealth.Suspected, DeviceHealth.Down, DeviceHealth.Up], _changes);
    }

    [Fact]
    public void A_late_answer_resets_the_count_of_missed_probes()
    {
        var device = Record();
        Probe(device, missedForDown: 3, true);

        Probe(device, missedForDown: 3, false, false, true, false, false);

        Assert.Equal(DeviceHealth.Suspected, device.Health);
    }

    // Probe rounds in order: each answered or missed.
    private static void Probe(DeviceHealthRecord device, int missedForDown, params bool[] answers)
    {
        foreach (var answered in answers)
        {
            device.Probed(answered, missedForDown);
        }
    }

    private DeviceHealthRecord Record() => new(
        new DeviceProfile("end-01", Tier.End, "m", true, LinkProfile.Local, ComputeMode.Emulated, 1),
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1), d => _changes.Add(d.Health), _time);
}
