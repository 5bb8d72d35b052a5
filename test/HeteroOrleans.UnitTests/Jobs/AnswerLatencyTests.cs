namespace HeteroOrleans.UnitTests.Jobs;

public sealed class AnswerLatencyTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_the_images_with_an_answer()
    {
        var waits = Enumerable.Range(1, 100).Select(i => (float)i).Append(float.NaN);

        var summary = AnswerLatencies.Summarise(waits)!;

        Assert.Equal(new LatencySummary(100, 50, 95, 99, 100), summary);
        Assert.Null(AnswerLatencies.Summarise([float.NaN]));
    }

    [Fact]
    public void An_images_first_answer_counts_and_images_not_escalated_have_no_fine_wait()
    {
        var latencies = new AnswerLatencies(4);

        latencies.Coarse(0, 4, 10);
        latencies.Coarse(0, 4, 99);
        latencies.Fine(0, [3, -1, 5, -1], 40);

        Assert.Equal(new LatencySummary(4, 10, 10, 10, 10), latencies.CoarseSummary());
        Assert.Equal(new LatencySummary(2, 40, 40, 40, 40), latencies.FineSummary());
    }

    [Fact]
    public void A_stored_record_continues_and_one_of_another_size_starts_again()
    {
        var latencies = new AnswerLatencies(2);
        latencies.Coarse(0, 2, 7);

        Assert.Equal(2, AnswerLatencies.Restore(latencies.Snapshot(), 2).CoarseSummary()!.Images);
        Assert.Null(AnswerLatencies.Restore(latencies.Snapshot(), 3).CoarseSummary());
        Assert.Null(AnswerLatencies.Restore(null, 2).CoarseSummary());
    }
}
