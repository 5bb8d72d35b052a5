using HeteroOrleans.Contracts.Models;
using HeteroOrleans.Grains.Models;

namespace HeteroOrleans.UnitTests.Rollout;

public sealed class CanaryJudgeTests
{
    private static readonly RolloutSpec Spec = new("resnet-10-w16@2", Tier.Edge);

    private static CanaryTally Tally(int images, double agreement, double confidenceDrop = 0, double latencyRatio = 1) =>
        new CanaryTally().Add(new CanaryReport("edge-01", "resnet-10-w16@2", 1, images, (int)Math.Round(images * agreement), images * (0.9 - confidenceDrop), images * 0.9, latencyRatio, 1));

    [Fact]
    public void A_candidate_twenty_points_worse_is_rolled_back_before_the_canary_ends()
    {
        var verdict = CanaryJudge.Judge(Spec, Tally(150, 0.73));

        Assert.NotNull(verdict);
        Assert.False(verdict.RollOut);
        Assert.Contains("73.", verdict.Reason);
    }

    [Fact]
    public void A_candidate_that_agrees_as_a_retrained_model_does_is_rolled_out_once_the_canary_has_its_images()
    {
        Assert.Null(CanaryJudge.Judge(Spec, Tally(299, 0.95)));

        var verdict = CanaryJudge.Judge(Spec, Tally(300, 0.95));

        Assert.NotNull(verdict);
        Assert.True(verdict.RollOut);
    }

    [Fact]
    public void Too_few_images_are_never_judged_even_when_they_disagree()
    {
        Assert.Null(CanaryJudge.Judge(Spec, Tally(CanaryJudge.EarliestVerdict - 1, 0)));
    }

    [Fact]
    public void A_share_just_under_the_margin_is_not_rolled_back_early_on_chance_but_is_at_the_end()
    {
        Assert.Null(CanaryJudge.Judge(Spec, Tally(100, 0.88)));

        Assert.False(CanaryJudge.Judge(Spec, Tally(300, 0.88))!.RollOut);
    }

    [Theory]
    [InlineData(0.06, 1.0, "confidence")]
    [InlineData(0.0, 1.6, "compute time")]
    public void A_candidate_that_agrees_but_is_less_sure_or_slower_by_the_margin_is_rolled_back(double confidenceDrop, double latencyRatio, string named)
    {
        var verdict = CanaryJudge.Judge(Spec, Tally(300, 0.97, confidenceDrop, latencyRatio));

        Assert.False(verdict!.RollOut);
        Assert.StartsWith(named, verdict.Reason);
    }

    [Theory]
    [InlineData("resnet-10-w16", "MODEL@VERSION")]
    [InlineData("resnet-10-w16@2", null)]
    public void A_spec_names_the_version_it_rolls_out(string candidate, string? problem)
    {
        var found = new RolloutSpec(candidate, Tier.Edge).Problem();

        Assert.True(problem is null ? found is null : found!.Contains(problem), found);
    }

    [Fact]
    public void A_spec_s_canary_share_is_above_zero_and_at_most_all_images()
    {
        Assert.Contains("canary share", new RolloutSpec("m@2", Tier.Edge, CanaryShare: 0).Problem());
        Assert.Contains("canary share", new RolloutSpec("m@2", Tier.Edge, CanaryShare: 1.5).Problem());
    }
}
