namespace HeteroOrleans.Cli.Commands;

/// <summary>An option that takes one name of an enum, in any case; anything else (a number too) is refused listing the names.</summary>
internal static class ChoiceOption
{
    /// <summary>The option <paramref name="name"/>, <paramref name="byDefault"/> unless given.</summary>
    public static Option<T> Create<T>(string name, string description, T byDefault) where T : struct, Enum => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => byDefault,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
            return byDefault;
        },
    };
}
