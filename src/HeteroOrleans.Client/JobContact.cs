namespace HeteroOrleans.Client;

/// <summary>
/// Calls a job, riding out the loss of its silo or of the client's gateway: a call that fails for such a reason is
/// repeated (the Orleans client moves to another gateway it knows, the job comes back on another silo) until it
/// succeeds or the contact has failed for too long. Repeating is safe: every call a job takes is idempotent.
/// </summary>
internal sealed class JobContact(string jobId, TimeSpan giveUpAfter, Action<string>? onNotice)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    // A call sent to a silo that died on the way gets no answer; rather than Orleans' 30 s response time-out, ask
    // again sooner. A job answers every call but StartAsync within seconds (SubmitAsync waits at most 2 s for room).
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(6);

    public Task CallAsync(string what, Func<Task> call, CancellationToken cancellation, bool slow = false) =>
        CallAsync(what, async () =>
        {
            await call();
            return true;
        }, cancellation, slow);

    /// <param name="slow">True for a call that may take long by design (starting a job wakes its devices): no time-out of the contact's own.</param>
    public async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellation, bool slow = false)
    {
        DateTime? failingSince = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var value = slow ? await call().WaitAsync(cancellation) : await call().WaitAsync(CallTimeout, cancellation);
                if (failingSince is { } since)
                {
                    onNotice?.Invoke($"Job {jobId}: reached again after {(DateTime.UtcNow - since).TotalSeconds:F1} s.");
                }

                return value;
            }
            catch (Exception e) when (IsContactLost(e) && !cancellation.IsCancellationRequested)
            {
                failingSince ??= DateTime.UtcNow;
                var waited = DateTime.UtcNow - failingSince.Value;
                if (attempt == 1)
                {
                    onNotice?.Invoke($"Job {jobId}: {what} failed ({e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}); trying again, through another gateway if this one is gone …");
                }

                if (waited > giveUpAfter)
                {
                    throw new JobUnreachableException(jobId, waited, e);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 200.0 * attempt)), cancellation);
            }
        }
    }

    // A silo or gateway that died, a call that got no answer, a connection refused: the job itself is not at fault.
    private static bool IsContactLost(Exception e) => e is OrleansException or TimeoutException or ObjectDisposedException
        && e is not Orleans.Storage.InconsistentStateException;
}
