namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>The one way tests wait for the cluster: read, check, and read again until the check holds or time runs out.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads until <paramref name="done"/> holds of what <paramref name="read"/> returns, and returns that.</summary>
    /// <param name="what">What the test waits for, for the failure message.</param>
    /// <param name="seen">Says what was last read, for the failure message.</param>
    /// <exception cref="TimeoutException"><paramref name="done"/> did not hold within <paramref name="timeout"/> (default 30 s).</exception>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<T, string>? seen = null, int everyMs = 50)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            // A read sent through a gateway that has just died is lost with it: give up on it soon and read again.
            string last;
            try
            {
                var value = await read().WaitAsync(ReadTimeout, TestContext.Current.CancellationToken);
                if (done(value))
                {
                    return value;
                }

                last = seen is null ? string.Empty : $"; last seen: {seen(value)}";
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                last = $"; last read failed: {e.Message}";
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}{last}.");
            }

            await Task.Delay(everyMs, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(condition, done => done, what, timeout);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), done => done, what, timeout, everyMs: 20);
}
