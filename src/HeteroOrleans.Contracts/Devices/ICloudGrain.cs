namespace HeteroOrleans.Contracts.Devices;

/// <summary>The cloud: it runs the largest fine (100-class) model. Placed only on silos tagged Cloud.</summary>
public interface ICloudGrain : IComputeDeviceGrain;
