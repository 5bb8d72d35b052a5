namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// Tests that start the system's programs as processes: the process lane (<c>--filter Category=Process</c>). They run
/// one at a time, as each process loads a runtime and models.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[Trait("Category", "Process")]
public sealed class ProgramCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "programs";
}
