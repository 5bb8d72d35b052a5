namespace HeteroOrleans.UnitTests.Serving;

public sealed class ServingOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ServingOptionsValidator().Validate(null, new ServingOptions()).Succeeded);
    }

    [Fact]
    public void Every_bad_setting_is_named_by_its_key()
    {
        var result = new ServingOptionsValidator().Validate(null, new ServingOptions
        {
            MaxInFlight = 0,
            MaxBatch = 0,
            MaxQueueDelay = TimeSpan.FromSeconds(2),
            HighPriorityShare = 1,
            Faults = FaultMethod.Reassign,
            ReplanInterval = TimeSpan.Zero,
        });

        Assert.Equal(
            ["Silo:Serving:MaxInFlight", "Silo:Serving:MaxBatch", "Silo:Serving:ReplanInterval", "Silo:Serving:MaxQueueDelay", "Silo:Serving:HighPriorityShare",
             "Silo:Serving:Faults"],
            result.Failures!.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
    }
}
