namespace HeteroOrleans.Contracts.Devices;

/// <summary>A device's own report of where it runs and what it has done.</summary>
/// <param name="InFlight">Calls waiting at the device or running: its queue.</param>
/// <param name="RecentMsPerImage">Its recent inference time per image.</param>
/// <param name="RecentBatch">Images per batch it ran lately, several callers' work together.</param>
/// <param name="Activation">The grain activation that answered: it changes only when the device was deactivated and activated again.</param>
/// <param name="Models">The versions it runs: <c>id@version</c>, and a candidate under canary with its share.</param>
[GenerateSerializer, Immutable]
public sealed record DeviceStatus(
    [property: Id(0)] DeviceProfile Profile,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] IReadOnlyList<string> SiloTiers,
    [property: Id(3)] int TasksDone,
    [property: Id(4)] long ImagesDone,
    [property: Id(5)] double BusyMs,
    [property: Id(6)] bool Failed,
    [property: Id(7)] int InFlight = 0,
    [property: Id(8)] double RecentMsPerImage = 0,
    [property: Id(9)] double RecentBatch = 0,
    [property: Id(10)] string Activation = "",
    [property: Id(11)] string Models = "");
