namespace HeteroOrleans.UnitTests.Links;

public sealed class LinkEstimateTests
{
    private const long Labels = 64;
    private const long Features = 300_000;

    [Fact]
    public void Small_transfers_time_the_latency_and_large_ones_the_bandwidth()
    {
        var link = new LinkEstimate();

        for (var i = 0; i < 20; i++)
        {
            link.Observe(Labels, OneWayMs(500, 50, Labels));
            link.Observe(Features, OneWayMs(500, 50, Features));
        }

        Assert.Equal(500, link.RoundTripMs, 1);
        Assert.Equal(50, link.BandwidthMbps, 1);
        Assert.Equal(0, link.Changes);
    }

    [Fact]
    public void A_tenfold_drop_is_a_change_at_its_first_transfer_and_the_estimate_jumps_to_it()
    {
        var link = Steady(50);

        Assert.True(link.Observe(Features, OneWayMs(100, 5, Features)));

        Assert.Equal(1, link.Changes);
        Assert.Equal(5, link.BandwidthMbps, 1);
    }

    [Fact]
    public void A_halving_is_followed_within_a_few_transfers()
    {
        var link = Steady(50);

        var transfers = 1;
        while (Math.Abs(link.BandwidthMbps - 25) > 2.5 && transfers < 50)
        {
            link.Observe(Features, OneWayMs(100, 25, Features));
            transfers++;
        }

        Assert.True(transfers <= 12, $"the estimate took {transfers} transfers to come within 10 % of 25 Mbit/s");
    }

    [Fact]
    public void Noise_of_ten_percent_is_no_change()
    {
        var link = Steady(50);
        var random = new Random(7);

        for (var i = 0; i < 2_000; i++)
        {
            link.Observe(Features, OneWayMs(100, 50, Features) * (0.9 + 0.2 * random.NextDouble()));
        }

        Assert.Equal(0, link.Changes);
        Assert.InRange(link.BandwidthMbps, 45, 55);
    }

    [Fact]
    public void A_link_that_takes_no_time_for_its_bytes_reads_as_unlimited_and_a_limit_appearing_is_a_change()
    {
        var link = new LinkEstimate();
        link.Observe(Labels, 10);
        link.Observe(Features, 10);
        Assert.Equal(0, link.BandwidthMbps);

        Assert.True(link.Observe(Features, OneWayMs(20, 5, Features)));
        Assert.Equal(5, link.BandwidthMbps, 1);
    }

    [Fact]
    public void A_link_ten_times_faster_is_a_change_even_when_its_transfers_are_within_the_timers_noise()
    {
        var link = new LinkEstimate();
        var random = new Random(5);
        const long small = 25_600;
        double Late() => 6 * random.NextDouble();
        for (var i = 0; i < 40; i++)
        {
            link.Observe(Labels, 250 + Late());
            link.Observe(small, OneWayMs(500, 5, small) + Late());
        }

        Assert.Equal(0, link.Changes);
        var transfers = 0;
        while (link.Changes == 0 && transfers < 10)
        {
            link.Observe(Labels, 250 + Late());
            link.Observe(small, OneWayMs(500, 50, small) + Late());
            transfers++;
        }

        Assert.True(transfers <= 3, $"the speed-up took {transfers} transfers to show");
        Assert.True(link.BandwidthMbps > 15, $"after the change the link reads {link.BandwidthMbps:F1} Mbit/s");
    }

    [Fact]
    public void A_single_transfer_timed_short_is_no_change_and_two_in_a_row_are()
    {
        var link = Steady(5);

        Assert.False(link.Observe(Features, OneWayMs(100, 50, Features)));
        Assert.False(link.Observe(Features, OneWayMs(100, 5, Features)));
        Assert.Equal(0, link.Changes);
        Assert.InRange(link.BandwidthMbps, 4, 7);

        Assert.False(link.Observe(Features, OneWayMs(100, 50, Features)));
        Assert.True(link.Observe(Features, OneWayMs(100, 50, Features)));
        Assert.Equal(1, link.Changes);
        Assert.InRange(link.BandwidthMbps, 49, 51);
    }

    [Fact]
    public void Nothing_is_known_before_a_transfer_and_bad_timings_are_ignored()
    {
        var link = new LinkEstimate();

        Assert.False(link.Observe(Features, double.NaN));
        Assert.False(link.Observe(-1, 10));

        Assert.True(double.IsNaN(link.RoundTripMs));
        Assert.True(double.IsNaN(link.BandwidthMbps));
        Assert.Equal(0, link.Samples);
    }

    private static LinkEstimate Steady(double mbps)
    {
        var link = new LinkEstimate();
        for (var i = 0; i < 20; i++)
        {
            link.Observe(Labels, OneWayMs(100, mbps, Labels));
            link.Observe(Features, OneWayMs(100, mbps, Features));
        }

        return link;
    }

    // As the emulated link times it: half the round trip, then the bytes at the bandwidth.
    private static double OneWayMs(double roundTripMs, double mbps, long bytes) => roundTripMs / 2 + bytes * 8 / (mbps * 1000);
}
