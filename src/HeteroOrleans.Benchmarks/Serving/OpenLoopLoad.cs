using System.Diagnostics;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>
/// Open-loop load, as perf_analyzer's: request i leaves at i / rate whatever became of those before, a share of them
/// high priority, each timed from leaving to its answer at the client.
/// </summary>
public static class OpenLoopLoad
{
    // Requests leave in small bursts on this tick: a timer finer than the machine's would only add jitter.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    /// <summary>Sends <paramref name="rate"/> single-image requests a second for <paramref name="duration"/> and waits for every answer.</summary>
    public static Task<IReadOnlyList<ServeSample>> RunAsync(
        IServeTransport transport, double rate, TimeSpan duration, TimeSpan deadline, double highShare, CancellationToken cancellation) =>
        SendAsync(transport, rate, Math.Max(1, (int)(rate * duration.TotalSeconds)), deadline, highShare, CancellationToken.None, cancellation);

    /// <summary>Sends <paramref name="rate"/> requests a second until <paramref name="stopSending"/>, and waits for every answer.</summary>
    public static Task<IReadOnlyList<ServeSample>> RunUntilAsync(
        IServeTransport transport, double rate, TimeSpan deadline, CancellationToken stopSending, CancellationToken cancellation) =>
        SendAsync(transport, rate, int.MaxValue, deadline, 0, stopSending, cancellation);

    private static async Task<IReadOnlyList<ServeSample>> SendAsync(
        IServeTransport transport, double rate, int count, TimeSpan deadline, double highShare, CancellationToken stopSending, CancellationToken cancellation)
    {
        var highEvery = highShare > 0 ? (int)Math.Round(1 / highShare) : int.MaxValue;
        var sent = new List<Task<ServeSample>>(Math.Min(count, 1 << 16));
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(stopSending, cancellation);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && !stopSending.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due - clock.Elapsed > Tick)
            {
                try
                {
                    await Task.Delay(due - clock.Elapsed, pause.Token);
                }
                catch (OperationCanceledException) when (stopSending.IsCancellationRequested && !cancellation.IsCancellationRequested)
                {
                    break;
                }
            }

            sent.Add(SendAsync(transport, i, deadline, i % highEvery == highEvery - 1 ? RequestPriority.High : RequestPriority.Normal, clock, cancellation));
        }

        return await Task.WhenAll(sent);
    }

    private static async Task<ServeSample> SendAsync(
        IServeTransport transport, int image, TimeSpan deadline, RequestPriority priority, Stopwatch clock, CancellationToken cancellation)
    {
        // Off the sending loop at once: a transport that answers synchronously must not hold the clock back.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await transport.SendAsync(image, deadline, priority, cancellation);
            return new ServeSample(priority, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            return new ServeSample(priority, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, clock.Elapsed.TotalMilliseconds, e.GetType().Name);
        }
    }
}
