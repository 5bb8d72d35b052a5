namespace HeteroOrleans.Tests.Dependability;

/// <summary>Tests on the straggler cluster: after each, every device is recovered from what the test did to it.</summary>
public abstract class StragglerClusterTests(StragglerFixture fixture) : IClassFixture<StragglerFixture>, IAsyncLifetime
{
    /// <summary>The cluster the tests share.</summary>
    protected StragglerFixture Fixture { get; } = fixture;

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Fixture.RecoverAllAsync();
}
