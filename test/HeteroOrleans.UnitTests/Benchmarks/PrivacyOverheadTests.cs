namespace HeteroOrleans.UnitTests.Benchmarks;

/// <summary>How the privacy bench writes a makespan ratio as an overhead, signs included.</summary>
public sealed class PrivacyOverheadTests
{
    [Theory]
    [InlineData(1.131, "+13.1%")]
    [InlineData(0.979, "-2.1%")]
    [InlineData(0.9999, "+0.0%")]
    [InlineData(1.0, "+0.0%")]
    public void An_overhead_has_one_sign_and_a_ratio_a_hair_under_one_reads_as_no_overhead(double ratio, string expected) =>
        Assert.Equal(expected, PrivacyBenchmark.Overhead(ratio));
}
