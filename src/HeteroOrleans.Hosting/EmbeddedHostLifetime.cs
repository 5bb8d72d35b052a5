namespace HeteroOrleans.Hosting;

/// <summary>
/// Lifetime of a silo hosted inside another program (the <c>hetero demo</c>): the program, not the silo,
/// handles Ctrl+C, and stops the silo itself once its job has wound down.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
