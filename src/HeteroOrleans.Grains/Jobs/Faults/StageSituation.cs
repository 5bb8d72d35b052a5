namespace HeteroOrleans.Grains.Jobs.Faults;

/// <summary>What a fault policy needs to know to decide about a stage.</summary>
/// <param name="CopiesRunning">Copies of the stage still running (the one in question excluded).</param>
/// <param name="OtherDeviceAvailable">Another device of the stage's role may take it now (live, and not yet tried where that matters).</param>
/// <param name="SecondPass">The task is in Reassign's second pass.</param>
internal readonly record struct StageSituation(int CopiesRunning, bool OtherDeviceAvailable, bool SecondPass = false);
