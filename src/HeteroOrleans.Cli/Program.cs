using HeteroOrleans.Cli.Commands;
using HeteroOrleans.Hosting.Configuration;

var console = AnsiConsole.Console;

// Piped into a file or another program, output has no terminal width; tables are kept whole rather than wrapped at
// the 80 columns Spectre assumes then.
if (Console.IsOutputRedirected)
{
    console.Profile.Width = Math.Max(console.Profile.Width, 240);
}
var root = new RootCommand("hetero: deep-learning inference across end devices, edges and a cloud, on Microsoft Orleans")
{
    DemoCommand.Create(console),
    SubmitCommand.Create(console),
    HeteroOrleans.Cli.Commands.Jobs.JobsCommand.Create(console),
    HeteroOrleans.Cli.Commands.Certs.CertsCommand.Create(console),
    HeteroOrleans.Cli.Commands.Db.DbCommand.Create(console),
    HeteroOrleans.Cli.Commands.Silos.SiloCommand.Create(console),
    HeteroOrleans.Cli.Commands.Silos.ClusterCommand.Create(console),
    ClassifyCommand.Create(console),
    ModelsCommand.Create(console),
    DataCommand.Create(console),
    BenchCommand.Create(console),
};

var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
{
    // The mistakes, each on its line, and where the options are listed: not the whole help, which would bury them.
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    var names = new List<string>();
    for (var result = parsed.CommandResult; result.Command != root && result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
    {
        names.Insert(0, result.Command.Name);
    }

    Console.Error.WriteLine($"Run 'hetero {string.Join(' ', names.Append("--help"))}' for the options.");
    return 2;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        // After Ctrl+C, tasks in flight finish and the silos stop: give that time before the process is ended.
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
    });
}
catch (Exception e) when (IsUserFacing(e))
{
    // Bad input or an unreachable cluster: say what and where, without a stack trace.
    // To standard error as plain text: a config key such as Silo:Devices:0:Link:LatencyMs must not turn into markup or
    // an emoji, and a long line must not be wrapped to the console's width.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    console.MarkupLine("[yellow]Cancelled.[/]");
    return 130;
}

static bool IsUserFacing(Exception e) => e is CifarFormatException or ModelManifestException or SiloConfigException
    or ArgumentException or InvalidOperationException or TimeoutException or IOException or Orleans.Runtime.OrleansException
    or System.Net.Sockets.SocketException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException;
