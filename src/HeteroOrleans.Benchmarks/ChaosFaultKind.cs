namespace HeteroOrleans.Benchmarks;

/// <summary>The faults a chaos run injects.</summary>
public enum ChaosFaultKind
{
    /// <summary>A silo stops without grace, its grains and work in flight with it (the job's own, sometimes).</summary>
    KillSilo,

    /// <summary>A device stops answering, but its silo lives (a hung process).</summary>
    HangDevice,

    /// <summary>A device takes 5 to 20 times as long for each batch.</summary>
    SlowDevice,

    /// <summary>Busy loops take the machine's cores for the rest of the run.</summary>
    CpuHog,

    /// <summary>The membership and job store (Redis without persistence) is killed and started again, empty, 5 to 20 s later.</summary>
    StoreRestartEmpty,

    /// <summary>The store (Redis with an append-only log) is killed and started again from its log 5 to 20 s later.</summary>
    StoreRestartFromLog,

    /// <summary>The store's master is killed; its Sentinel promotes the replica, which the silos find through the Sentinel.</summary>
    StoreFailover,
}
