namespace HeteroOrleans.Tests.Errors;

public sealed class ErrorsTravelTests(ClusterFixture fixture)
{
    public static TheoryData<string> ExceptionTypes => new(ThrowOnRequestFilter.Exceptions.Keys);

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public async Task Each_exception_of_the_system_reaches_the_caller_as_itself(string type)
    {
        var expected = ThrowOnRequestFilter.Exceptions[type]();
        RequestContext.Set(ThrowOnRequestFilter.Key, type);
        try
        {
            // The edge device lives on another silo than the client's gateway may be; the error crosses the wire either way.
            var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-01").GetStatusAsync());

            Assert.Equal(type, error.GetType().Name);
            Assert.Equal(expected.Message, error.Message);
        }
        finally
        {
            RequestContext.Remove(ThrowOnRequestFilter.Key);
        }

        // The caller is unharmed: the next call works.
        Assert.Equal("edge-01", (await fixture.Cluster.Client.GetDevice(Tier.Edge, "edge-01").GetStatusAsync()).Profile.Id);
    }
}
