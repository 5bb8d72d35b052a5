using System.CommandLine;
using HeteroOrleans.Client.Commands;
using HeteroOrleans.Hosting.Configuration;
using Spectre.Console;

var console = AnsiConsole.Console;
var root = new RootCommand("hetero: deep-learning inference across end devices, edges and a cloud, on Microsoft Orleans")
{
    DemoCommand.Create(console),
    SubmitCommand.Create(console),
    ModelsCommand.Create(console),
    DataCommand.Create(console),
    BenchCommand.Create(console),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        // After Ctrl+C, tasks in flight finish and the silos stop: give that time before the process is ended.
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
    });
}
catch (Exception e) when (IsUserFacing(e))
{
    // Bad input or an unreachable cluster: say what and where, without a stack trace.
    // Written as plain text: a config key such as Silo:Devices:0:Link:LatencyMs must not turn into markup or an emoji.
    console.Markup("[red]error:[/] ");
    console.WriteLine(e.Message);
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
