namespace HeteroOrleans.Scheduling;

/// <summary>The device a stage was given, and the room it holds there where the scheme keeps count.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Reservation">Its room in the device's window; null where the scheme does not reserve.</param>
public readonly record struct StagePlace(string DeviceId, Reservation? Reservation = null);
