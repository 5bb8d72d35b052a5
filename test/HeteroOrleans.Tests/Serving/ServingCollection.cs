namespace HeteroOrleans.Tests.Serving;

/// <summary>
/// The serving tests run their silo's real models under bursts of requests: alone, so that they neither slow down nor
/// are slowed by tests that time their own devices.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServingCollection : ICollectionFixture<ServingSiloFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "serving";
}
