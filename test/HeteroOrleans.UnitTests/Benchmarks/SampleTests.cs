using HeteroOrleans.Benchmarks.Measuring;

namespace HeteroOrleans.UnitTests.Benchmarks;

public sealed class SampleTests
{
    [Fact]
    public void A_figure_is_quoted_as_the_median_of_its_runs_with_the_least_and_greatest_beside_it()
    {
        var sample = Sample.Of(13.4, 13.1, 13.2);

        Assert.Equal(13.2, sample.Median);
        Assert.Equal("13.2 (13.1–13.4)", sample.ToString("F1"));
        Assert.False(sample.Varies);
    }

    [Fact]
    public void Runs_that_differ_by_more_than_a_tenth_of_their_median_are_marked()
    {
        var sample = Sample.Of(10, 11.5, 10.2);

        Assert.True(sample.Varies);
        Assert.Equal($"10.2 (10.0–11.5) {Sample.VariesMark}", sample.ToString("F1"));
    }

    [Fact]
    public void A_ratio_is_taken_run_by_run_then_its_median()
    {
        // Each run's machine was slower or faster as a whole: the ratio of the run's own pair stays near 1.02.
        var candidate = Sample.Of(10.2, 20.4, 15.3);
        var baseline = Sample.Of(10, 20, 15);

        var ratio = candidate.Over(baseline);

        Assert.All(ratio.Runs, r => Assert.Equal(1.02, r, 6));
        Assert.False(ratio.Varies);
        // The ratio of the medians would hide nothing here, but the runs themselves vary by half.
        Assert.True(candidate.Varies);
    }

    [Fact]
    public void One_run_is_quoted_alone_and_an_empty_or_unequal_sample_is_refused()
    {
        Assert.Equal("1.03", Sample.Of(1.03).ToString("F2"));
        Assert.Throws<ArgumentException>(() => Sample.Of());
        Assert.Throws<ArgumentException>(() => Sample.Of(double.NaN));
        Assert.Throws<ArgumentException>(() => Sample.Of(1, 2).Over(Sample.Of(1)));
    }
}
