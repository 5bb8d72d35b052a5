using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Grains.Hosting;
using HeteroOrleans.Grains.Placement;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Grains.Devices;

/// <summary>An edge device, activated only on the Edge-tier silo that declares it.</summary>
[DevicePlacement(Tier.Edge)]
public sealed class EdgeGrain(HeteroSiloSetup setup, SharedClassifiers classifiers, PredictionCache predictions, ILocalSiloDetails silo)
    : ComputeDeviceGrain(setup, classifiers, predictions, silo), IEdgeGrain
{
    /// <inheritdoc />
    protected override Tier Tier => Tier.Edge;
}
