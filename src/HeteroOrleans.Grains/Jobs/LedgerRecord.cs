namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// A job's results as stored: per image a label and the device, with the model version it ran, that gave it (index into <see cref="Devices"/>), -1 for
/// none, and the tallies the labels alone cannot give back. Images recorded and images with a fine answer are counted
/// from the labels when the ledger is restored, so they cannot disagree with them (ids 5 and 9 held them once).
/// </summary>
[GenerateSerializer]
public sealed class LedgerRecord
{
    [Id(0)] public short[] Coarse { get; set; } = [];

    [Id(1)] public short[] Fine { get; set; } = [];

    [Id(2)] public short[] CoarseBy { get; set; } = [];

    [Id(3)] public short[] FineBy { get; set; } = [];

    [Id(4)] public List<string> Devices { get; set; } = [];

    [Id(6)] public int Duplicates { get; set; }

    [Id(7)] public int CoarseCorrect { get; set; }

    [Id(8)] public int FineCorrect { get; set; }

    /// <summary>Correct coarse labels among the images recorded without a fine answer.</summary>
    [Id(10)] public int KeptCoarseCorrect { get; set; }
}
