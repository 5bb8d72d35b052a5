namespace HeteroOrleans.Grains.Jobs;

/// <summary>What a job counts as it runs; kept with the job's state so that a job that moves keeps its counts.</summary>
[GenerateSerializer]
public sealed class JobCounters
{
    /// <summary>Stages that passed their time-out.</summary>
    [Id(0)] public int Timeouts { get; set; }

    /// <summary>Stages sent again after a failure.</summary>
    [Id(1)] public int Retries { get; set; }

    /// <summary>Backup copies sent for straggling stages.</summary>
    [Id(2)] public int Hedges { get; set; }

    /// <summary>Backup copies that answered first.</summary>
    [Id(3)] public int HedgesWon { get; set; }

    /// <summary>Images computed by copies that answered second.</summary>
    [Id(4)] public long WastedImages { get; set; }

    /// <summary>Tasks given up.</summary>
    [Id(5)] public int LostTasks { get; set; }

    /// <summary>Raw pixel batches sent to untrusted devices (privacy Off).</summary>
    [Id(6)] public int RawBatchesToUntrusted { get; set; }

    /// <summary>Encryption-head outputs sent to untrusted devices.</summary>
    [Id(7)] public int EncryptedBatches { get; set; }

    /// <summary>Payload bytes sent to devices.</summary>
    [Id(8)] public long BytesSent { get; set; }

    /// <summary>Devices reported to the monitor as suspect.</summary>
    [Id(9)] public int Suspicions { get; set; }

    /// <summary>Images taken in again after the activation that held them was lost with its silo.</summary>
    [Id(10)] public long RedoneImages { get; set; }

    public JobCounters Copy() => (JobCounters)MemberwiseClone();
}
