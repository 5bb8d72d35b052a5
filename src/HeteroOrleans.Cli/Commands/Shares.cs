using System.Globalization;

namespace HeteroOrleans.Cli.Commands;

/// <summary>Shares as users write them on the command line: "10%" or "0.1".</summary>
internal static class Shares
{
    /// <summary>The share <paramref name="text"/> gives to <paramref name="option"/>, at most <paramref name="most"/>.</summary>
    /// <exception cref="ArgumentException">Not a share, or above <paramref name="most"/>; the message names the option and the value.</exception>
    public static double Parse(string text, string option, double most = 1)
    {
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsNaN(value))
        {
            throw new ArgumentException($"{option} {text}: a share, as 10% or 0.1");
        }

        value = percent ? value / 100 : value;
        return value <= most ? value : throw new ArgumentException($"{option} {text}: at most {most:P0}");
    }
}
