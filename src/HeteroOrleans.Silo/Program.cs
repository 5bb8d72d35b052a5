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
        configuration = SiloConfigLoader.Compose(path, [.. result.UnmatchedTokens]);
        settings = SiloConfigLoader.Load(configuration, path);
    }
    catch (SiloConfigException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }

    try
    {
        var app = SiloHost.Build(settings, configuration);
        await app.StartAsync(cancellation);
        Console.WriteLine($"Silo '{settings.Name}' ({string.Join(", ", settings.Tiers)}) is up: silo port {settings.Options.SiloPort}, " +
                          $"gateway {settings.Options.GatewayPort}, {settings.Devices.Count} device(s), dashboard {string.Join(" ", app.Urls)}");
        await app.WaitForShutdownAsync(CancellationToken.None);
        return 0;
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
