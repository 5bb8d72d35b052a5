using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks a configuration section against the options type it binds to before binding, which stops at the first
/// value it cannot convert: every key that names no setting and every value of the wrong kind is reported, each
/// with its key, so that a user fixes a file in one pass.
/// </summary>
public static partial class ConfigurationShape
{
    /// <summary>The problems of <paramref name="section"/> as <paramref name="type"/>, one line each, starting with the key.</summary>
    public static IReadOnlyList<string> Check(IConfigurationSection section, Type type)
    {
        var errors = new List<string>();
        CheckObject(section, type, errors);
        return errors;
    }

    /// <summary>
    /// <paramref name="section"/> less the keys <paramref name="problems"/> name (and what lies below them), so that
    /// the rest can still be bound and checked for what it means.
    /// </summary>
    public static IConfigurationSection Without(IConfigurationSection section, IReadOnlyList<string> problems)
    {
        var bad = problems.Select(KeyOf).ToList();
        var kept = section.AsEnumerable()
            .Where(kv => kv.Value is not null && !bad.Any(key => Covers(key, kv.Key)));
        return new ConfigurationBuilder().AddInMemoryCollection(kept).Build().GetSection(section.Path);
    }

    /// <summary>Whether <paramref name="problem"/> is about one of <paramref name="keys"/> or a key below one.</summary>
    public static bool IsAbout(string problem, IEnumerable<string> keys) => keys.Any(key => Covers(key, KeyOf(problem)));

    /// <summary>The key a problem line starts with.</summary>
    public static string KeyOf(string problem) => problem[..Math.Max(0, problem.IndexOf(": ", StringComparison.Ordinal))];

    private static bool Covers(string key, string other) =>
        other.Equals(key, StringComparison.OrdinalIgnoreCase) || other.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase);

    private static void CheckObject(IConfigurationSection section, Type type, List<string> errors)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                CheckValue(child, property.PropertyType, errors);
            }
            else
            {
                errors.Add($"{child.Path}: unknown setting ({Suggest(child.Key, properties.Keys)})");
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            if (section.Value is { } value && !string.IsNullOrWhiteSpace(value))
            {
                CheckScalar(section.Path, value, type, errors);
            }
            else if (section.GetChildren().Any())
            {
                errors.Add($"{section.Path}: expected a single value, found a section");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                errors.Add($"{section.Path}: expected a list such as [ \"{section.Value}\" ], found the value '{section.Value}'");
                return;
            }

            foreach (var item in section.GetChildren())
            {
                if (!IsScalar(Nullable.GetUnderlyingType(element) ?? element) && string.IsNullOrEmpty(item.Value) && !item.GetChildren().Any())
                {
                    errors.Add($"{item.Path}: empty entry");
                    continue;
                }

                CheckValue(item, element, errors);
            }

            return;
        }

        if (!string.IsNullOrEmpty(section.Value))
        {
            errors.Add($"{section.Path}: expected a section, found the value '{section.Value}'");
            return;
        }

        CheckObject(section, type, errors);
    }

    private static void CheckScalar(string key, string value, Type type, List<string> errors)
    {
        if (type.IsEnum)
        {
            if (!Enum.TryParse(type, value, ignoreCase: true, out var parsed) || !Enum.IsDefined(type, parsed!) || int.TryParse(value, out _))
            {
                var names = Enum.GetNames(type);
                errors.Add($"{key}: unknown {Words(type.Name)} '{value}' (expected {string.Join(", ", names[..^1])} or {names[^1]})");
            }

            return;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException
                                      || e.InnerException is FormatException or OverflowException)
        {
            var tooLarge = Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.UInt64
                           && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == Math.Floor(number);
            errors.Add(tooLarge ? $"{key}: '{value}' is out of range" : $"{key}: '{value}' is not {Kind(type)}");
        }
    }

    // A near miss (ProbeTimeoutMs for ProbeTimeout, GatewayPrt for GatewayPort) is named; otherwise every key is listed.
    private static string Suggest(string key, IEnumerable<string> known)
    {
        var names = known.Order(StringComparer.Ordinal).ToList();
        var closest = names.MinBy(name => Distance(key.ToLowerInvariant(), name.ToLowerInvariant()));
        return closest is not null && Distance(key.ToLowerInvariant(), closest.ToLowerInvariant()) <= Math.Max(2, key.Length / 4)
            ? $"did you mean {closest}?"
            : $"known here: {string.Join(", ", names)}";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(Uri);

    // Lists, and dictionaries keyed by string (whose keys are the config's own): each child is an element.
    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType && type.GetGenericArguments() switch
        {
            [var element] => element,
            [var key, var element] when key == typeof(string) => element,
            _ => null,
        } is { } found
            ? found
            : null;

    private static string Kind(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "true or false",
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
        _ when type == typeof(TimeSpan) => "a duration such as 00:00:01.5 (hh:mm:ss)",
        _ => $"a {Words(type.Name)}",
    };

    // "ClusteringProvider" reads "clustering provider" in a message.
    private static string Words(string name) => CapitalLetter().Replace(name, " $1").Trim().ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CapitalLetter();
}
