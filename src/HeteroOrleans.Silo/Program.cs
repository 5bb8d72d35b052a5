using System.CommandLine;
using HeteroOrleans.Hosting;
using HeteroOrleans.Hosting.Configuration;

// HeteroOrleans silo: dotnet run --project src/HeteroOrleans.Silo -- --config silo-configs/edge.json
// Any key can be overridden by HETERO_Silo__Key environment variables or --Silo:Key=value arguments.
var config = new Option<FileInfo>("--config", "-c")
{
    Description = "The silo config file (JSON with a Silo section; see silo-configs/)",
    Required = true,
};
var root = new RootCommand("HeteroOrleans silo: runs the silo a config file describes. " +
                           "Override any key with --Silo:Key=value or a HETERO_Silo__Key environment variable.")
{
    config,
};

// Keys such as --Silo:SiloPort=12000 are configuration, not options of this command: they pass through to it.
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(async (result, cancellation) =>
{
    var path = result.GetRequiredValue(config).FullName;
    SiloSettings settings;
    IConfigurationRoot configuration;
    try
    {
        configuration = SiloConfigLoader.Compose(path, Overrides(result.UnmatchedTokens, path));
        settings = SiloConfigLoader.Load(configuration, path);
        SiloModelCheck.Check(settings, path);
        SiloPortCheck.Check(settings, path);
        SiloStorageCheck.Check(settings, path);
        await SiloDatabaseCheck.CheckAsync(settings, path, Console.WriteLine, cancellation);
    }
    catch (SiloConfigException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    catch (SiloDatabaseException e)
    {
        // Not a config mistake: the database may come back, and a service manager may well restart the silo.
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    try
    {
        if (settings.Options.Clustering.Provider == ClusteringProvider.Localhost && settings.PrimarySiloEndpoint.Port != settings.Options.SiloPort)
        {
            Console.WriteLine($"Joining through the primary silo at {settings.PrimarySiloEndpoint} (Silo:Clustering:PrimarySiloEndpoint); start it first.");
        }

        if (settings.Options.AllowInsecure && settings.Tls is null &&
            HeteroSiloOptionsValidator.ListensBeyondLoopback(settings.Options, System.Net.IPAddress.Parse(settings.Options.AdvertisedIp)))
        {
            Console.Error.WriteLine($"WARNING: Silo:AllowInsecure is set: silo '{settings.Name}' listens on every interface (ports {settings.Options.SiloPort} and " +
                $"{settings.Options.GatewayPort}) WITHOUT TLS. Anyone who reaches them can run jobs and read results. Use 'hetero certs create' for TLS.");
        }

        if (settings.Options.AllowInsecure && settings.WebToken is null && HeteroSiloOptionsValidator.WebBeyondLoopback(settings.Options.Dashboard))
        {
            Console.Error.WriteLine($"WARNING: Silo:AllowInsecure is set: silo '{settings.Name}' serves its dashboard, device page and inference endpoint on " +
                $"{settings.Options.Dashboard.Host} WITHOUT A CREDENTIAL. Use 'hetero certs token FILE' and Silo:Dashboard:TokenFile.");
        }

        var app = SiloHost.Build(settings, configuration);

        using (var watch = new TlsJoinWatch(settings, cancellation))
        {
            try
            {
                await app.StartAsync(watch.Token);
            }
            catch (OperationCanceledException) when (watch.Refused is { } refused)
            {
                Console.Error.WriteLine(refused);
                return 2;
            }
        }

        Console.WriteLine($"Silo '{settings.Name}' ({string.Join(", ", settings.Tiers)}) is up: silo port {settings.Options.SiloPort}, " +
                          $"gateway {settings.Options.GatewayPort}, {settings.Devices.Count} device(s), dashboard {string.Join(" ", app.Urls)}");
        await app.WaitForShutdownAsync(CancellationToken.None);
        return 0;
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine($"Silo '{settings.Name}' stopped before it joined the cluster.");
        return 130;
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        Console.Error.WriteLine($"Silo '{settings.Name}' failed: {e.GetBaseException().Message}");
        return 1;
    }
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("usage: HeteroOrleans.Silo --config <silo-config.json> [--Silo:Key=value ...]");
    return 2;
}

// The host handles Ctrl+C itself (a graceful shutdown leaves the cluster cleanly): keep the parser's handler out of it.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

// Arguments other than --config must be configuration keys, --Silo:Key=value or --Silo:Key value (Logging:* too):
// anything else would be ignored without a word, and the silo would run with something other than what was asked.
static string[] Overrides(IReadOnlyList<string> tokens, string path)
{
    var errors = new List<string>();
    for (var i = 0; i < tokens.Count; i++)
    {
        var token = tokens[i];
        var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : null;
        if (key is null || !(key.StartsWith("Silo:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"argument '{token}': overrides are written --Silo:Key=value (for example --Silo:SiloPort=12000)");
        }
        else if (!token.Contains('=', StringComparison.Ordinal))
        {
            if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
            }
            else
            {
                errors.Add($"argument '{token}': no value given");
            }
        }
    }

    return errors.Count == 0 ? [.. tokens] : throw new SiloConfigException(path, errors);
}
