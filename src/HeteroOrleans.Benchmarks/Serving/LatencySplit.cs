using System.Globalization;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>
/// Where requests' time went, as perf_analyzer splits a request: the median and p99 of each part, and its share of the
/// mean latency, over the requests answered fine in time (the service splits each along the path its answer waited for).
/// </summary>
public static class LatencySplit
{
    /// <summary>The table of <paramref name="requests"/>' parts.</summary>
    public static MarkdownTable ToTable(IReadOnlyCollection<(double LatencyMs, LatencyParts Parts)> requests)
    {
        var table = new MarkdownTable("part", "median (ms)", "p99 (ms)", "share of the mean latency");
        var meanLatency = requests.Count == 0 ? double.NaN : requests.Average(p => p.LatencyMs);
        void Row(string name, Func<LatencyParts, double> part)
        {
            var values = requests.Select(p => part(p.Parts)).Order().ToArray();
            table.Add(name, Percentile(values, 0.5), Percentile(values, 0.99),
                values.Length == 0 ? "" : (100 * values.Average() / meanLatency).ToString("0.0", CultureInfo.InvariantCulture) + " %");
        }

        Row("queue (service batch, device lane, device queue)", p => p.QueueMs);
        Row("link (out and back)", p => p.LinkMs);
        Row("compute", p => p.ComputeMs);
        Row("encryption head", p => p.HeadMs);
        Row("other (messages, turns)", p => p.OtherMs);
        return table;
    }

    private static string Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? "" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
}
