using System.Diagnostics;

namespace HeteroOrleans.Hosting.Operations;

/// <summary>
/// Restarts the silos of a running cluster one at a time: each must be ready before its turn; it is drained (as on
/// SIGTERM) and waited for until it has gone, started again the operator's way, and waited for until it is ready. The
/// roll stops at the first silo that is not ready, before or after its restart, so that a bad release or a sick machine
/// takes down one silo, not the cluster.
/// </summary>
/// <param name="start">Starts a silo again from its config: a service manager, a container, a process.</param>
/// <param name="readyWithin">How long a restarted silo may take to be ready.</param>
/// <param name="say">Where progress goes, a line at a time.</param>
public sealed class RollingRestart(Func<SiloWeb, FileInfo, CancellationToken, Task> start, TimeSpan readyWithin, Action<string> say)
{
    // Past a silo's own bound on its stop: the last poll, and a process slow to exit.
    private static readonly TimeSpan StopSlack = TimeSpan.FromSeconds(5);

    /// <summary>Restarts each silo in turn; <paramref name="before"/> and <paramref name="after"/> run around each restart.</summary>
    /// <exception cref="InvalidOperationException">A silo was not ready before or after its turn, or did not stop; the message says which.</exception>
    public async Task<IReadOnlyList<RestartStep>> RunAsync(
        IReadOnlyList<(FileInfo Config, SiloWeb Silo)> silos, CancellationToken cancellation, Func<SiloWeb, Task>? before = null, Func<SiloWeb, Task>? after = null)
    {
        var steps = new List<RestartStep>();
        foreach (var (config, silo) in silos)
        {
            var (ready, says) = await silo.ReadyAsync(cancellation);
            if (!ready)
            {
                throw new InvalidOperationException($"silo {silo.Name} ({silo.Address}) is not ready before its restart ({says}): the roll stops here; bring it back first");
            }

            if (before is not null)
            {
                await before(silo);
            }

            var watch = Stopwatch.StartNew();
            var bound = await silo.DrainAsync(cancellation);
            say($"{silo.Name}: draining (stops within {bound.TotalSeconds:0} s)");
            if (!await silo.WaitGoneAsync(bound + StopSlack, cancellation))
            {
                throw new InvalidOperationException($"silo {silo.Name} still answers {watch.Elapsed.TotalSeconds:0} s after its drain began: the roll stops here");
            }

            var stopped = watch.Elapsed;
            await start(silo, config, cancellation);
            (ready, says) = await silo.WaitReadyAsync(readyWithin, cancellation);
            if (!ready)
            {
                throw new InvalidOperationException($"silo {silo.Name} is not ready {(watch.Elapsed - stopped).TotalSeconds:0} s after its start ({says}): the roll stops here");
            }

            steps.Add(new RestartStep(silo.Name, stopped, watch.Elapsed - stopped, bound));
            say($"{silo.Name}: stopped after {stopped.TotalSeconds:0.0} s, ready again {(watch.Elapsed - stopped).TotalSeconds:0.0} s later");
            if (after is not null)
            {
                await after(silo);
            }
        }

        return steps;
    }
}
