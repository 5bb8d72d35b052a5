namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>The policy of each fault method.</summary>
internal static class FaultPolicies
{
    /// <summary>The policy that carries out <paramref name="method"/>.</summary>
    public static FaultPolicy For(FaultMethod method) => method switch
    {
        FaultMethod.None => new NoRecoveryPolicy(),
        FaultMethod.Reassign => new ReassignPolicy(),
        FaultMethod.Monitor => new MonitorPolicy(),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown fault method."),
    };
}
