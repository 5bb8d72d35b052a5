namespace HeteroOrleans.UnitTests.Monitoring;

public sealed class DeviceChangeLogTests
{
    private readonly DeviceChangeLog _log = new();

    [Fact]
    public void A_caller_is_sent_each_device_that_changed_since_its_version_once()
    {
        var (a, b) = (Device("a"), Device("b"));
        _log.Add(a, 2);
        var seen = _log.Version;
        _log.Add(b, 2);
        _log.Add(a, 2);
        _log.Add(b, 2);

        Assert.Equal(["b", "a"], _log.Since(seen)!.Select(d => d.Profile.Id));
        Assert.Empty(_log.Since(_log.Version)!);
    }

    [Fact]
    public void A_caller_too_far_behind_or_ahead_is_told_to_read_the_whole_list()
    {
        var device = Device("a");
        for (var i = 0; i < 3000; i++)
        {
            _log.Add(device, 1);
        }

        Assert.Null(_log.Since(0));
        Assert.Null(_log.Since(_log.Version + 1));
        Assert.NotNull(_log.Since(_log.Version - 10));
    }

    private static DeviceHealthRecord Device(string id) => new(
        new DeviceProfile(id, Tier.End, "m", true, LinkProfile.Local, ComputeMode.Emulated, 1),
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1), _ => { }, new FakeTimeProvider());
}
