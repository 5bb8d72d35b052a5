using HeteroOrleans.Contracts;
using HeteroOrleans.Contracts.Devices;
using HeteroOrleans.Grains.Hosting;
using HeteroOrleans.Grains.Placement;
using HeteroOrleans.Inference.Models;

namespace HeteroOrleans.Grains.Devices;

/// <summary>An end device, activated only on the End-tier silo that declares it.</summary>
[DevicePlacement(Tier.End)]
public sealed class EndDeviceGrain(HeteroSiloSetup setup, SharedClassifiers classifiers, PredictionCache predictions, ILocalSiloDetails silo)
    : ComputeDeviceGrain(setup, classifiers, predictions, silo), IEndDeviceGrain
{
    /// <inheritdoc />
    protected override Tier Tier => Tier.End;
}
