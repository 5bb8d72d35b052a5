using System.CommandLine.Parsing;
using System.Globalization;

namespace HeteroOrleans.Cli.Commands;

/// <summary>Durations on the command line: <c>500ms</c>, <c>0.5s</c>, <c>10min</c>, <c>1h</c>, or a bare number of seconds.</summary>
public static class Durations
{
    /// <summary>An option taking a duration.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">What it means.</param>
    /// <param name="allowZero">Whether 0 means something for this option.</param>
    public static Option<TimeSpan?> Option(string name, string description, bool allowZero = true) => new(name)
    {
        Description = description + " (e.g. 500ms, 0.5s, 10min, 1h; a bare number is seconds)",
        CustomParser = result => Parse(result, name, allowZero),
    };

    private static TimeSpan? Parse(ArgumentResult result, string name, bool allowZero)
    {
        var text = result.Tokens.Single().Value.Trim().ToLowerInvariant();
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith("min", StringComparison.Ordinal) ? (text[..^3], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : (text, 1000.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value < 0)
            {
                result.AddError($"{name} {text} is negative; give a duration {(allowZero ? "of 0 or more" : "longer than 0")}.");
                return null;
            }

            if (value == 0 && !allowZero)
            {
                result.AddError($"{name} must be longer than 0.");
                return null;
            }

            return TimeSpan.FromMilliseconds(value * scale);
        }

        result.AddError($"{name} '{text}' is not a duration such as 500ms, 0.5s, 10min or 1h.");
        return null;
    }
}
