namespace HeteroOrleans.UnitTests.Emulation;

public sealed class LinkDelayTests
{
    [Fact]
    public void One_way_is_half_the_round_trip_plus_transfer_time()
    {
        // 153,600 bytes (a task of 50 images) over 100 Mbit/s take 12.288 ms.
        var delay = LinkDelay.OneWay(new LinkProfile(RoundTripLatencyMs: 500, BandwidthMbps: 100), 153_600);
        Assert.Equal(250 + 12.288, delay.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Unlimited_bandwidth_costs_only_latency()
    {
        Assert.Equal(TimeSpan.Zero, LinkDelay.OneWay(LinkProfile.Local, 1_000_000));
    }
}
