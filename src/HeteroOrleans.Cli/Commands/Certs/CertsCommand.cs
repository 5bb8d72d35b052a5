using HeteroOrleans.Grains.Silos;

namespace HeteroOrleans.Cli.Commands.Certs;

/// <summary><c>hetero certs create DIR</c>: a cluster's certificate authority and the certificates of its silos and clients.</summary>
public static class CertsCommand
{
    private static readonly string[] DefaultNames = ["silo", "client"];

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var directory = new Argument<string>("dir") { Description = "Folder to write the certificates into (new, or without certificates)" };
        var names = new Option<string[]>("--name")
        {
            Description = "A certificate to make (repeat the option), e.g. one per silo; default: 'silo' (for every silo) and 'client'",
            AllowMultipleArgumentsPerToken = true,
        };
        var days = new Option<int>("--days") { Description = "How long the certificates are valid, days", DefaultValueFactory = _ => 825 };
        var create = new Command("create", "Make a cluster certificate authority and certificates it signs, for mutual TLS between silos and clients") { directory, names, days };
        create.SetAction(result =>
        {
            var folder = Path.GetFullPath(result.GetValue(directory)!);
            var wanted = result.GetValue(names) is { Length: > 0 } given ? given : DefaultNames;
            if (result.GetValue(days) is < 1 or > 3650)
            {
                throw new ArgumentException($"--days: {result.GetValue(days)}; give 1 to 3650.");
            }

            var files = ClusterCertificates.Create(folder, wanted, TimeSpan.FromDays(result.GetValue(days)));
            console.MarkupLine($"Wrote {files.Count} file(s) to {Markup.Escape(folder)}: {Markup.Escape(string.Join(", ", files.Select(Path.GetFileName)))} (keys readable by their owner only).");
            var authority = Path.Combine(folder, ClusterCertificates.AuthorityFile);
            var silo = Path.Combine(folder, $"{wanted.FirstOrDefault(n => n != "client") ?? wanted[0]}.pfx");
            console.MarkupLine(Markup.Escape($"Silo configs:  \"Tls\": {{ \"CertificatePath\": \"{silo}\", \"AuthorityPath\": \"{authority}\" }}"));
            if (wanted.Contains("client"))
            {
                console.MarkupLine(Markup.Escape($"Clients:       hetero submit --tls-cert {Path.Combine(folder, "client.pfx")} --tls-ca {authority} …"));
            }

            console.MarkupLine(Markup.Escape($"Keep {Path.Combine(folder, ClusterCertificates.AuthorityKeyFile)} (the authority's key) off the silos: it signs every certificate the cluster trusts."));
            return 0;
        });
        var certs = new Command("certs", "Credentials: a cluster's own certificate authority and certificates for mutual TLS, and web-port tokens");
        certs.Subcommands.Add(create);
        certs.Subcommands.Add(Token(console));
        return certs;
    }

    // A random bearer token for a silo's web port, in a file its owner alone reads.
    private static Command Token(IAnsiConsole console)
    {
        var file = new Argument<string>("file") { Description = "File to write the token into (new)" };
        var token = new Command("token", "Write a random token for a silo's web port (Silo:Dashboard:TokenFile); callers send 'Authorization: Bearer TOKEN'") { file };
        token.SetAction(result =>
        {
            var path = Path.GetFullPath(result.GetValue(file)!);
            if (File.Exists(path))
            {
                throw new ArgumentException($"{path}: exists already; a new token would lock out whoever uses the old one. Name another file.");
            }

            SecretFiles.Write(path, System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n"));
            console.MarkupLine(Markup.Escape($"Wrote a token to {path} (readable by its owner only). Silo config: \"Dashboard\": {{ \"Host\": \"0.0.0.0\", \"TokenFile\": \"{path}\" }}; " +
                "callers: curl -H \"Authorization: Bearer $(cat FILE)\" …"));
            return 0;
        });
        return token;
    }
}
