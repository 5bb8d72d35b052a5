namespace HeteroOrleans.Contracts.Devices;

/// <summary>An end device: it runs the small coarse (20-class) model. Placed only on silos tagged End.</summary>
public interface IEndDeviceGrain : IComputeDeviceGrain;
