using HeteroOrleans.Silo.Configuration;
using HeteroOrleans.Silo.Hosting;

// HeteroOrleans silo: dotnet run --project src/HeteroOrleans.Silo -- --config silo-configs/edge.json
// Any key can be overridden by HETERO_Silo__Key environment variables or --Silo:Key=value arguments.
var configPath = ConfigPathFrom(args);
if (configPath is null)
{
    Console.Error.WriteLine("usage: HeteroOrleans.Silo --config <silo-config.json> [--Silo:Key=value ...]");
    return 2;
}

SiloSettings settings;
IConfigurationRoot configuration;
try
{
    configuration = SiloConfigLoader.Compose(configPath, args);
    settings = SiloConfigLoader.Load(configuration, configPath);
}
catch (SiloConfigException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

try
{
    var app = SiloHost.Build(settings, configuration);
    await app.StartAsync();
    Console.WriteLine($"Silo '{settings.Name}' ({string.Join(", ", settings.Tiers)}) is up: silo port {settings.SiloPort}, " +
                      $"gateway {settings.GatewayPort}, {settings.Devices.Count} device(s), dashboard {string.Join(" ", app.Urls)}");
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"Silo '{settings.Name}' failed: {e.GetBaseException().Message}");
    return 1;
}

static string? ConfigPathFrom(string[] args)
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] is "--config" or "-c")
        {
            return i + 1 < args.Length ? args[i + 1] : null;
        }

        if (args[i].StartsWith("--config=", StringComparison.Ordinal))
        {
            return args[i]["--config=".Length..];
        }
    }

    return null;
}
