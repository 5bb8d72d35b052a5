namespace HeteroOrleans.UnitTests.Escalation;

public sealed class EscalationBudgetTests
{
    [Fact]
    public void On_steady_data_the_share_escalated_comes_to_the_budget()
    {
        var budget = new EscalationBudget(0.25, 0.8);
        var random = new Random(1);

        var escalated = Stream(budget, 4_000, () => random.NextDouble());

        Assert.InRange(escalated.Skip(1_000).Average(), 0.24, 0.26);
        Assert.InRange(budget.Learnt, 0.2, 0.3);
    }

    [Fact]
    public void When_the_data_gets_harder_the_share_holds_where_a_fixed_threshold_would_send_most_images_on()
    {
        var budget = new EscalationBudget(0.25, 0.8);
        var random = new Random(2);
        Stream(budget, 2_000, () => 0.5 + 0.5 * random.NextDouble());

        // Every confidence drops: a fixed threshold of 0.8 would now escalate nearly all of them.
        var after = Stream(budget, 3_000, () => 0.5 * random.NextDouble());

        Assert.True(after.Take(500).Average() > 0.25, "the shift's first images are over-escalated while the window still holds the old data");
        for (var from = 500; from + 500 <= after.Count; from += 100)
        {
            Assert.InRange(after.Skip(from).Take(500).Average(), 0.23, 0.27);
        }
    }

    [Fact]
    public void A_budget_of_nothing_or_everything_is_kept_and_a_share_out_of_range_is_refused()
    {
        var none = new EscalationBudget(0, 0.8);
        var all = new EscalationBudget(1, 0.8);
        var random = new Random(3);

        Assert.Equal(0, Stream(none, 1_000, () => random.NextDouble()).Skip(100).Sum());
        Assert.Equal(900, Stream(all, 1_000, () => random.NextDouble()).Skip(100).Sum());
        Assert.Throws<ArgumentOutOfRangeException>(() => new EscalationBudget(1.5, 0.8));
    }

    // A stream of confidences: 1 for each image escalated.
    private static List<int> Stream(EscalationBudget budget, int images, Func<double> confidence)
    {
        var escalated = new List<int>(images);
        for (var i = 0; i < images; i++)
        {
            escalated.Add(budget.Decide(confidence()) ? 1 : 0);
        }

        return escalated;
    }
}
