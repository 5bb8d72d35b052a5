namespace HeteroOrleans.Benchmarks;

/// <summary>Busy loops on threads of their own, for as long as the hog lives: a busy machine, for tests and <c>bench chaos</c>.</summary>
public sealed class CpuHog : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];

    /// <summary>Starts <paramref name="loops"/> busy loops.</summary>
    public CpuHog(int loops)
    {
        for (var i = 0; i < loops; i++)
        {
            var token = _stop.Token;
            var thread = new Thread(() =>
            {
                var spins = 0L;
                while (!token.IsCancellationRequested)
                {
                    spins++;
                }

                GC.KeepAlive(spins);
            })
            {
                IsBackground = true,
                Name = $"cpu-hog-{i}",
            };
            thread.Start();
            _threads.Add(thread);
        }
    }

    /// <summary>Busy loops running.</summary>
    public int Loops => _threads.Count;

    /// <summary>Stops the loops.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _stop.Dispose();
    }
}
