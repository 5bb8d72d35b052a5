using HeteroOrleans.Grains.Silos;

namespace HeteroOrleans.Grains.Monitoring;

/// <summary>Refuses probing that could never work: a zero interval or time-out, or fewer than one missed probe for down.</summary>
public sealed class DeviceMonitorOptionsValidator : SectionValidator<DeviceMonitorOptions>
{
    /// <summary>The configuration section these options are read from, for the keys in messages.</summary>
    public const string SectionName = "Silo:Monitor";

    /// <inheritdoc />
    protected override string DefaultSection => SectionName;

    /// <inheritdoc />
    protected override void Check(string key, DeviceMonitorOptions options, List<string> errors)
    {
        LongerThanZero(key, nameof(options.ProbeInterval), options.ProbeInterval, errors);
        LongerThanZero(key, nameof(options.ProbeTimeout), options.ProbeTimeout, errors);
        AtLeastOne(key, nameof(options.MaxProbesPerSecond), options.MaxProbesPerSecond, errors);
        AtLeastOne(key, nameof(options.MissedProbesForDown), options.MissedProbesForDown, errors);
    }
}
