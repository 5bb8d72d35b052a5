using Microsoft.Extensions.Options;

namespace HeteroOrleans.Grains.Silos;

/// <summary>
/// A validator of one options class, whose messages each start with the configuration key of the setting at fault:
/// the options' name when the caller gave one (the section they were read from, as <c>Silo:Devices:2</c>), else the
/// section such options are read from by default. Every problem is reported, not only the first.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
public abstract class SectionValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <summary>The section these options are read from unless the caller names another.</summary>
    protected abstract string DefaultSection { get; }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        Check(string.IsNullOrEmpty(name) ? DefaultSection : name, options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Adds a line to <paramref name="errors"/> for each problem of <paramref name="options"/>, read from <paramref name="key"/>.</summary>
    protected abstract void Check(string key, TOptions options, List<string> errors);

    /// <summary>A count that must be at least one.</summary>
    protected static void AtLeastOne(string key, string setting, int value, List<string> errors)
    {
        if (value < 1)
        {
            errors.Add($"{key}:{setting}: must be at least 1");
        }
    }

    /// <summary>A duration that must be longer than zero.</summary>
    protected static void LongerThanZero(string key, string setting, TimeSpan value, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key}:{setting}: must be longer than zero");
        }
    }
}
