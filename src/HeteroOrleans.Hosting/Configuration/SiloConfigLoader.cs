using Microsoft.Extensions.Options;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Reads the <c>Silo</c> section of a configuration the Options way: checked for unknown keys and values of the wrong
/// kind, bound onto <see cref="HeteroSiloOptions"/>, validated by <see cref="HeteroSiloOptionsValidator"/>. Every problem is
/// reported with its key, all at once.
/// </summary>
public static class SiloConfigLoader
{
    // A web token shorter than this could be guessed; 'hetero certs token' writes 64 hex characters.
    private const int MinTokenLength = 32;

    /// <summary>Builds the configuration of a silo: the JSON file, then <c>HETERO_</c> environment variables, then the command line.</summary>
    /// <exception cref="SiloConfigException">The file is missing or not valid JSON.</exception>
    public static IConfigurationRoot Compose(string path, string[] commandLine)
    {
        if (!File.Exists(path))
        {
            throw new SiloConfigException(path, ["file not found"]);
        }

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("HETERO_")
                .AddCommandLine(commandLine)
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            // The JSON reader's own message gives the line and position; a malformed override names itself.
            throw new SiloConfigException(path, [e.GetBaseException().Message]);
        }
    }

    /// <summary>Reads the silo config file at <paramref name="path"/> with overrides from the environment and command line.</summary>
    /// <exception cref="SiloConfigException">The config is invalid.</exception>
    public static SiloSettings LoadFile(string path, string[]? commandLine = null) =>
        Load(Compose(path, commandLine ?? []), path);

    /// <summary>Reads silo settings from configuration keys given in code (<c>Silo:SiloPort</c> and so on).</summary>
    /// <exception cref="SiloConfigException">The config is invalid.</exception>
    public static SiloSettings LoadValues(IEnumerable<KeyValuePair<string, string?>> values, string source) =>
        Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), source);

    /// <summary>Reads and checks the <c>Silo</c> section.</summary>
    /// <param name="configuration">The composed configuration.</param>
    /// <param name="source">What to name in error messages (the file).</param>
    /// <exception cref="SiloConfigException">The config is invalid.</exception>
    public static SiloSettings Load(IConfiguration configuration, string source)
    {
        var section = configuration.GetSection(HeteroSiloOptions.SectionName);
        if (!section.Exists() || !string.IsNullOrEmpty(section.Value))
        {
            throw new SiloConfigException(source, [$"{HeteroSiloOptions.SectionName}: section is missing (a JSON object \"Silo\": {{ \"Tiers\": [...], ... }})"]);
        }

        // Keys that name nothing and values of the wrong kind are left out of the binding, so that what they mean for
        // the rest is checked too; a problem is reported once, by its first finder.
        var shape = ConfigurationShape.Check(section, typeof(HeteroSiloOptions));
        var options = ConfigurationShape.Without(section, shape).Get<HeteroSiloOptions>() ?? new HeteroSiloOptions();
        var meaning = SiloOptionsValidation.Validator.Validate(Options.DefaultName, options) is { Failed: true } result
            ? result.Failures.Where(f => !ConfigurationShape.IsAbout(f, shape.Select(ConfigurationShape.KeyOf)))
            : [];
        var errors = shape.Concat(meaning).ToList();
        if (errors.Count > 0)
        {
            throw new SiloConfigException(source, errors);
        }

        var tiers = options.Tiers.Distinct().ToList();
        var tls = LoadTls(options.Tls, source);
        var token = LoadToken(options.Dashboard.TokenFile, source);
        return new SiloSettings(
            string.IsNullOrWhiteSpace(options.Name) ? string.Join("-", tiers).ToLowerInvariant() : options.Name,
            tiers,
            options.DevicesInOrder.SelectMany(d => d.Value.ToProfiles()).ToList(),
            options.ModelsPath,
            options,
            section,
            tls,
            token);
    }

    // A secret named by a config key, read from its file; one that cannot be read is named by its key.
    private static string ReadSecret(string key, string path, string source)
    {
        try
        {
            return SecretFiles.Read(path);
        }
        catch (ArgumentException e)
        {
            throw new SiloConfigException(source, [$"{HeteroSiloOptions.SectionName}:{key}: {e.Message}"]);
        }
    }

    // The web port's token, read once; a missing, unreadable or short one is named by its key.
    private static byte[]? LoadToken(string? path, string source)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        const string key = $"{HeteroSiloOptions.SectionName}:Dashboard:TokenFile";
        var token = ReadSecret("Dashboard:TokenFile", path, source).Trim();
        return token.Length >= MinTokenLength
            ? System.Text.Encoding.UTF8.GetBytes(token)
            : throw new SiloConfigException(source, [$"{key}: {path}: the token has {token.Length} characters; use at least {MinTokenLength} ('hetero certs token FILE' writes one)"]);
    }

    // The certificate is read here, once, for the settings to carry; a file that is missing or not a certificate is
    // named by its key like any other problem of the config.
    private static TlsSettings? LoadTls(TlsOptions tls, string source)
    {
        if (string.IsNullOrWhiteSpace(tls.CertificatePath))
        {
            return null;
        }

        try
        {
            var password = string.IsNullOrWhiteSpace(tls.PasswordFile) ? tls.Password : ReadSecret("Tls:PasswordFile", tls.PasswordFile, source);
            var settings = TlsSettings.Load(tls.CertificatePath, password, tls.TrustedThumbprints, tls.AuthorityPath);

            // A certificate the cluster would refuse is said now, naming it: joining would only retry refused connections.
            var problems = settings.OwnCertificateProblems(DateTimeOffset.UtcNow);
            return problems.Count == 0 ? settings : throw new SiloConfigException(source, [.. problems.Select(p =>
                $"{HeteroSiloOptions.SectionName}:Tls:CertificatePath: {tls.CertificatePath}: the certificate {TlsRefusals.Describe(settings.Certificate)} {p}")]);
        }
        catch (ArgumentException e)
        {
            var key = e.Message.Contains("certificate authority", StringComparison.Ordinal) ? "AuthorityPath" : "CertificatePath";
            throw new SiloConfigException(source, [$"{HeteroSiloOptions.SectionName}:Tls:{key}: {e.Message}"]);
        }
    }
}
