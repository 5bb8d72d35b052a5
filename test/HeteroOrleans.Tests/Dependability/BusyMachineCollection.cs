namespace HeteroOrleans.Tests.Dependability;

/// <summary>Tests that load the CPU on purpose, or kill silos at random, run alone, so that no other test pays for their load.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BusyMachineCollection
{
    public const string Name = "Busy machine";
}
