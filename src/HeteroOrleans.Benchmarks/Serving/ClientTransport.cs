using System.Collections.Concurrent;
using HeteroOrleans.Contracts.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeteroOrleans.Benchmarks.Serving;

/// <summary>Requests through an Orleans client connected to every silo's gateway, as a .NET program sends them.</summary>
public sealed class ClientTransport : IServeTransport
{
    private readonly IHost _client;
    private readonly InferenceClient _service;
    private readonly byte[][] _pixels;

    private ClientTransport(IHost client, CifarDataset images)
    {
        _client = client;
        _service = new InferenceClient(client.Services.GetRequiredService<IClusterClient>());
        _pixels = [.. Enumerable.Range(0, images.Count).Select(i => images.Image(i).ToArray())];
    }

    /// <inheritdoc />
    public string Name => ".NET client";

    /// <summary>The client's grain factory.</summary>
    public IGrainFactory Grains => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects a client to <paramref name="cluster"/>, to send <paramref name="images"/>.</summary>
    public static async Task<ClientTransport> ConnectAsync(LocalCluster cluster, CifarDataset images, CancellationToken cancellation) =>
        new(await cluster.ConnectClientAsync(cancellation), images);

    /// <summary>Sends through <paramref name="client"/>, a started client host this transport stops when disposed.</summary>
    public static ClientTransport Over(IHost client, CifarDataset images) => new(client, images);

    /// <summary>Why requests were not answered, by the first clause of the service's reason, with their counts.</summary>
    public ConcurrentDictionary<string, int> Unanswered { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the time of each request answered fine in time went, as the service split it.</summary>
    public ConcurrentQueue<(double LatencyMs, LatencyParts Parts)> FineParts { get; } = new();

    /// <summary>Fine answers so far by the model version that gave them (<c>id@version</c>).</summary>
    public ConcurrentDictionary<string, int> FineModels { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<ServeOutcome> SendAsync(int image, TimeSpan deadline, RequestPriority priority, CancellationToken cancellation)
    {
        var reply = await _service.ClassifyAsync(_pixels[image % _pixels.Length], deadline, priority, cancellation);
        if (reply.Outcome is not (ServeOutcome.FineInTime or ServeOutcome.CoarseAtDeadline))
        {
            Unanswered.AddOrUpdate($"{reply.Outcome}: {reply.Reason?.Split(':')[0]}", 1, (_, n) => n + 1);
        }

        if (reply is { Outcome: ServeOutcome.FineInTime, Parts: { } parts })
        {
            FineParts.Enqueue((reply.LatencyMs, parts));
        }

        foreach (var model in reply.Images.Select(i => i.FineModel).OfType<string>())
        {
            FineModels.AddOrUpdate(model, 1, (_, n) => n + 1);
        }

        return reply.Outcome;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
    }
}
