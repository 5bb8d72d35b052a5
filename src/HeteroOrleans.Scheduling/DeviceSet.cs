namespace HeteroOrleans.Scheduling;

/// <summary>The device ids a job may use, per tier, each list in assignment order.</summary>
public sealed record DeviceSet(IReadOnlyList<string> End, IReadOnlyList<string> Edge, IReadOnlyList<string> Cloud)
{
    /// <summary>A set with no devices.</summary>
    public static DeviceSet Empty { get; } = new([], [], []);
}
