namespace HeteroOrleans.Cli.Commands.Jobs;

/// <summary>The command lines that carry on with, or cancel, a job the client stopped following: this one's own options, so they can be pasted as they are.</summary>
internal static class ResumeLine
{
    private static readonly string[] GatewayOptionNames = ["--gateway", "--cluster-id", "--service-id", "--tls-cert", "--tls-password-file", "--tls-ca", "--tls-trust"];

    /// <summary>This command line with <c>--resume <paramref name="jobId"/></c> in place of any it had.</summary>
    public static string Resume(string jobId) => Line([.. Without(Arguments(), "--resume"), "--resume", jobId]);

    /// <summary><c>hetero jobs cancel <paramref name="jobId"/></c> with this command line's gateway options.</summary>
    public static string Cancel(string jobId) => Line(["jobs", "cancel", jobId, .. GatewayArguments(Arguments())]);

    private static string[] Arguments() => [.. Environment.GetCommandLineArgs().Skip(1)];

    // The arguments without option name and its value (either "--name value" or "--name=value").
    private static IEnumerable<string> Without(IReadOnlyList<string> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == name)
            {
                i++;
                continue;
            }

            if (!arguments[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                yield return arguments[i];
            }
        }
    }

    // The gateway and TLS options with their values.
    private static IEnumerable<string> GatewayArguments(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i].Split('=', 2)[0];
            if (GatewayOptionNames.Contains(name))
            {
                yield return arguments[i];
                if (!arguments[i].Contains('=') && i + 1 < arguments.Count)
                {
                    yield return arguments[++i];
                }
            }
        }
    }

    private static string Line(IEnumerable<string> arguments) =>
        string.Join(' ', new[] { "hetero" }.Concat(arguments.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,@+".Contains(c)) ? a : $"'{a.Replace("'", "'\\''")}'")));
}
