namespace HeteroOrleans.Contracts.Devices;

/// <summary>An edge device: it runs a fine (100-class) model. Placed only on silos tagged Edge.</summary>
public interface IEdgeGrain : IComputeDeviceGrain;
