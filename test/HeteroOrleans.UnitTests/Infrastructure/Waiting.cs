namespace HeteroOrleans.UnitTests.Infrastructure;

/// <summary>Waits for work on other threads (the thread pool, a worker) to reach a state no fake clock decides.</summary>
internal static class Waiting
{
    /// <summary>Polls <paramref name="condition"/> for up to about ten seconds; fails naming <paramref name="what"/> when it never holds.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Task.Yield();
        Assert.True(condition(), $"{what} did not get there");
    }
}
