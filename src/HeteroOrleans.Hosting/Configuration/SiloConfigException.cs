namespace HeteroOrleans.Hosting.Configuration;

/// <summary>A silo config is invalid. Each error names the config key and the reason.</summary>
public sealed class SiloConfigException(string source, IReadOnlyList<string> errors)
    : Exception($"{source}: invalid silo config:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}")
{
    /// <summary>One line per problem, each starting with the config key.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
