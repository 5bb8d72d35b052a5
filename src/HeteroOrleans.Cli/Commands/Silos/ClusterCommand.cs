using System.Diagnostics;
using HeteroOrleans.Hosting.Operations;

namespace HeteroOrleans.Cli.Commands.Silos;

/// <summary><c>hetero cluster roll</c>: restart every silo of a running cluster, one at a time, each drained first.</summary>
public static class ClusterCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var configs = new Argument<FileInfo[]>("CONFIG") { Description = "The config of each silo, in the order to restart them", Arity = ArgumentArity.OneOrMore };
        var start = new Option<string>("--start")
        {
            Description = "The command that starts a silo again, run by /bin/sh with {name} and {config} filled in and expected to return " +
                          "(e.g. \"systemctl start hetero-silo@{name}\")",
            Required = true,
        };
        var readyWithin = Durations.Option(
            "--ready-within", "How long a restarted silo may take to be ready (its models load, it joins) before the roll stops; default 3min", allowZero: false);
        var roll = new Command("roll", "Restart every silo of a running cluster one at a time: each is drained (as SIGTERM does) and started again, " +
            "and the next only once it is ready; the roll stops at the first silo that is not ready before or after its restart")
        {
            configs, start, readyWithin,
        };
        roll.SetAction(async (result, cancellation) =>
        {
            var silos = result.GetValue(configs)!.Select(c => (Config: c, Silo: SiloWeb.FromConfig(c))).ToList();
            try
            {
                var template = result.GetValue(start)!;
                var roller = new RollingRestart(
                    (silo, config, token) => StartAsync(template, silo.Name, config, token), result.GetValue(readyWithin) ?? TimeSpan.FromMinutes(3),
                    line => console.MarkupLine(Markup.Escape(line)));
                IReadOnlyList<RestartStep> steps;
                try
                {
                    steps = await roller.RunAsync(silos, cancellation);
                }
                catch (InvalidOperationException e)
                {
                    // Not bad input: the cluster is not as the roll needs it, and the silos before this one were restarted.
                    Console.Error.WriteLine($"error: {e.Message}");
                    return 1;
                }

                var table = new Table().AddColumns("silo", "drained and stopped (s)", "its bound (s)", "ready again (s)");
                foreach (var step in steps)
                {
                    table.AddRow(Markup.Escape(step.Silo), $"{step.Stopped.TotalSeconds:0.0}", $"{step.DrainBound.TotalSeconds:0}", $"{step.Ready.TotalSeconds:0.0}");
                }

                console.Write(table);
                console.MarkupLine(Markup.Escape($"Restarted {steps.Count} silo(s), one at a time."));
                return 0;
            }
            finally
            {
                silos.ForEach(s => s.Silo.Dispose());
            }
        });
        var command = new Command("cluster", "A running cluster as a whole");
        command.Subcommands.Add(roll);
        return command;
    }

    // The operator's own way of starting a silo (a service manager, a container, a script): it must return.
    private static async Task StartAsync(string template, string name, FileInfo config, CancellationToken cancellation)
    {
        var command = template.Replace("{name}", name, StringComparison.Ordinal).Replace("{config}", config.FullName, StringComparison.Ordinal);
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        try
        {
            await process.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromMinutes(1), cancellation);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"--start for silo {name} ('{command}') did not return within a minute: start the silo in the background");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"--start for silo {name} ('{command}') exited {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}".Trim());
        }
    }
}
