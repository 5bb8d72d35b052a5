namespace HeteroOrleans.Grains.Jobs;

/// <summary>Where jobs keep their state.</summary>
public static class JobStorage
{
    /// <summary>The name of the grain storage provider that holds job state; every silo that may host jobs registers one.</summary>
    public const string Name = "jobs";
}
