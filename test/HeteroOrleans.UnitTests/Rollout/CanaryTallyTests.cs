using HeteroOrleans.Contracts.Models;

namespace HeteroOrleans.UnitTests.Rollout;

public sealed class CanaryTallyTests
{
    [Fact]
    public void Reports_add_up_to_agreement_confidence_and_a_time_ratio_over_the_timed_images_only()
    {
        var tally = new CanaryTally()
            .Add(new CanaryReport("edge-01", "m@2", 1, 10, 9, 8.0, 9.0, 2.0, 1.0))
            .Add(new CanaryReport("edge-02", "m@2", 1, 10, 7, 8.0, 9.0, 3.0, 0));

        Assert.Equal((20, 16), (tally.Images, tally.Agreed));
        Assert.Equal(0.8, tally.Agreement, 6);
        Assert.Equal(0.1, tally.ConfidenceDrop, 6);
        Assert.Equal(2.0, tally.LatencyRatio, 6);
    }

    [Fact]
    public void An_empty_tally_agrees_and_is_as_fast()
    {
        var tally = new CanaryTally();

        Assert.Equal((1.0, 0.0, 1.0), (tally.Agreement, tally.ConfidenceDrop, tally.LatencyRatio));
    }
}
