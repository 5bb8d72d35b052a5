namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Tests that start the system's programs as processes run one at a time: each process loads a runtime and models.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProgramCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "programs";
}
