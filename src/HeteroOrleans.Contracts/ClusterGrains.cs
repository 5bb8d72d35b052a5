using HeteroOrleans.Contracts.Jobs;
using HeteroOrleans.Contracts.Monitoring;
using HeteroOrleans.Contracts.Serving;

namespace HeteroOrleans.Contracts;

/// <summary>Gets the grains a cluster has one of.</summary>
public static class ClusterGrains
{
    /// <summary>The device monitor of the cluster (there is one, key 0).</summary>
    public static IDeviceMonitorGrain GetDeviceMonitor(this IGrainFactory grains) => grains.GetGrain<IDeviceMonitorGrain>(0);

    /// <summary>The board of live jobs of the cluster (there is one, key 0).</summary>
    public static IJobBoardGrain GetJobBoard(this IGrainFactory grains) => grains.GetGrain<IJobBoardGrain>(0);

    /// <summary>The cluster's inference service (one, named <c>default</c>, unless a deployment names more).</summary>
    public static IInferenceServiceGrain GetInferenceService(this IGrainFactory grains, string name = "default") => grains.GetGrain<IInferenceServiceGrain>(name);
}
