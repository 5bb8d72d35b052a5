using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Grains.Hosting;
using HeteroOrleans.Grains.Placement;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Grains.Devices;

/// <summary>The cloud, activated only on the Cloud-tier silo that declares it.</summary>
[DevicePlacement(Tier.Cloud)]
public sealed class CloudGrain(HeteroSiloSetup setup, SharedClassifiers classifiers, PredictionCache predictions, ILocalSiloDetails silo)
    : ComputeDeviceGrain(setup, classifiers, predictions, silo), ICloudGrain
{
    /// <inheritdoc />
    protected override Tier Tier => Tier.Cloud;
}
