using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>A way a client reaches the inference service: the .NET client, or HTTP.</summary>
public interface IServeTransport : IAsyncDisposable
{
    /// <summary>The transport's name, for tables.</summary>
    string Name { get; }

    /// <summary>Asks for image <paramref name="image"/> of the bench's pictures by <paramref name="deadline"/>; the outcome as the service told it.</summary>
    /// <exception cref="Exception">The request was lost (no answer, or an error that is not a refusal).</exception>
    Task<ServeOutcome> SendAsync(int image, TimeSpan deadline, RequestPriority priority, CancellationToken cancellation);
}
