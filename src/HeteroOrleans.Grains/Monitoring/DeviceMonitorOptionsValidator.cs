using Microsoft.Extensions.Options;

namespace HeteroOrleans.Grains.Monitoring;

/// <summary>Refuses probing that could never work: a zero interval or time-out, or fewer than one missed probe for down.</summary>
public sealed class DeviceMonitorOptionsValidator : IValidateOptions<DeviceMonitorOptions>
{
    /// <summary>The configuration section these options are read from, for the keys in messages.</summary>
    public const string SectionName = "Silo:Monitor";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DeviceMonitorOptions options)
    {
        var errors = new List<string>();
        if (options.ProbeInterval <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{nameof(options.ProbeInterval)}: must be longer than zero");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:{nameof(options.ProbeTimeout)}: must be longer than zero");
        }

        if (options.MaxProbesPerSecond < 1)
        {
            errors.Add($"{SectionName}:{nameof(options.MaxProbesPerSecond)}: must be at least 1");
        }

        if (options.MissedProbesForDown < 1)
        {
            errors.Add($"{SectionName}:{nameof(options.MissedProbesForDown)}: must be at least 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
