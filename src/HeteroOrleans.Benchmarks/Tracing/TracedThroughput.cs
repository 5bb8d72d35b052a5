using HeteroOrleans.Benchmarks.Serving;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Contracts.Serving;
using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Benchmarks.Tracing;

/// <summary>
/// What tracing costs in throughput: the inference service in one process on the configs' devices running ONNX Runtime,
/// their emulated links taken away so that the machine's processors are the limit, kept saturated by a closed loop of
/// requests, its answers a second counted untraced and traced.
/// </summary>
public static class TracedThroughput
{
    /// <summary>
    /// Requests in flight all the while: more than the devices' batches take at once, so that queues never run dry, few
    /// enough that they are answered well inside the deadline (with links of 1,000 in flight, Little's law, not the
    /// processors, capped the answers).
    /// </summary>
    public const int Concurrency = 256;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RefusedBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>Answers a second over <paramref name="duration"/> with <paramref name="sampleRate"/> of the requests traced.</summary>
    public static async Task<SaturatedRun> MeasureAsync(
        IReadOnlyList<SiloSettings> settings, double sampleRate, CifarDataset images, TimeSpan duration, Action<string> log, CancellationToken cancellation)
    {
        foreach (var silo in settings)
        {
            silo.Options.Tracing.SampleRate = sampleRate;
        }

        settings = [.. settings.Select(s => s with { Devices = [.. s.Devices.Select(d => d with { Link = LinkProfile.Local })] })];

        await using var session = await BenchSession.StartAsync(settings, log, cancellation);
        await using var transport = await ClientTransport.ConnectAsync(session.Cluster, images, cancellation);
        using var stop = new CancellationTokenSource();
        var (answered, counting) = (0L, 0);
        var loops = Enumerable.Range(0, Concurrency).Select(async first =>
        {
            for (var image = first; !stop.IsCancellationRequested; image += Concurrency)
            {
                ServeOutcome? outcome;
                try
                {
                    outcome = await transport.SendAsync(image, Deadline, RequestPriority.Normal, cancellation);
                }
                catch (TimeoutException)
                {
                    // A request the overloaded machine did not answer in Orleans' response time is simply not an answer.
                    outcome = null;
                }

                if (outcome is ServeOutcome.FineInTime or ServeOutcome.CoarseAtDeadline)
                {
                    if (Volatile.Read(ref counting) == 1)
                    {
                        Interlocked.Increment(ref answered);
                    }
                }
                else
                {
                    // A refused request waits before it comes again, as a client heeding the service's retry hint does: a
                    // loop that asked again at once would spend the machine on refusals (the answers fell to 25 a second).
                    await Task.Delay(RefusedBackoff, cancellation);
                }
            }
        }).ToList();
        await Task.Delay(WarmUp, cancellation);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var busyBefore = process.TotalProcessorTime;
        Volatile.Write(ref counting, 1);
        await Task.Delay(duration, cancellation);
        Volatile.Write(ref counting, 0);
        var counted = Interlocked.Read(ref answered);
        process.Refresh();
        var busy = (process.TotalProcessorTime - busyBefore) / (duration * Environment.ProcessorCount);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return new SaturatedRun(counted / duration.TotalSeconds, busy);
    }
}
