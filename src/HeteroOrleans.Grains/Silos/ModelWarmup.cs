using HeteroOrleans.Grains.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// Loads (building when needed) the model sessions of every device the silo hosts as the silo starts, so that the
/// first task does not pay for it and readiness can say when the silo can serve.
/// </summary>
public sealed class ModelWarmup(HeteroSiloSetup setup, SharedClassifiers classifiers, ILogger<ModelWarmup> logger) : BackgroundService
{
    /// <summary>The batch sizes a session runs once before it serves: those requests meet most.</summary>
    public static readonly IReadOnlyList<int> WarmBatches = [1, 8];
    private volatile string? _failure;

    /// <summary>True once every hosted device's model session is loaded.</summary>
    public bool ModelsLoaded { get; private set; }

    /// <summary>Why loading failed, if it did.</summary>
    public string? Failure => _failure;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            foreach (var device in setup.Devices.DistinctBy(d => (d.ModelId, DeviceTuning.For(d))))
            {
                stoppingToken.ThrowIfCancellationRequested();
                var classifier = classifiers.Get(device.ModelId, DeviceTuning.For(device));

                // One run of each batch size requests meet most: a session's first runs allocate and tune, and a silo
                // that has just become ready would answer its first requests late.
                foreach (var images in WarmBatches)
                {
                    classifier.Classify(new byte[images * HeteroOrleans.Inference.Cifar.CifarDataset.ImageBytes], images);
                }
            }

            ModelsLoaded = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _failure = e.Message;
            logger.LogError(e, "Loading the silo's models failed");
        }
    }, stoppingToken);
}
