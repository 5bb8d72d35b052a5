using System.Diagnostics;
using HeteroOrleans.Hosting.Operations;

namespace HeteroOrleans.Cli.Commands.Silos;

/// <summary><c>hetero silo drain</c>: make one silo leave the cluster gracefully, as SIGTERM does, and watch it go.</summary>
public static class SiloCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var address = new Argument<string?>("ADDRESS")
        {
            Description = "The silo's web address (its Silo:Dashboard host:port, or http://host:port)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var config = new Option<FileInfo?>("--config") { Description = "The silo's config instead of ADDRESS: its web address, token and silo port" };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "The silo's web token (Silo:Dashboard:TokenFile), when it listens beyond loopback" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the silo has begun to drain, without waiting for it to stop" };
        var drain = new Command("drain", "Drain a silo and stop it: readiness false, its devices take no new work, the work queued on them finishes, " +
            "its jobs move to another end-tier silo, then it leaves the cluster (within Silo:DrainTimeout, plus Orleans' own shutdown)")
        {
            address, config, tokenFile, noWait,
        };
        drain.Validators.Add(result =>
        {
            if ((result.GetValue(address) is null) == (result.GetValue(config) is null))
            {
                result.AddError("Give the silo's ADDRESS or --config (one of them).");
            }
        });
        drain.SetAction(async (result, cancellation) =>
        {
            using var silo = result.GetValue(config) is { } file ? SiloWeb.FromConfig(file) : SiloWeb.FromAddress(result.GetValue(address)!, result.GetValue(tokenFile));
            var watch = Stopwatch.StartNew();
            var within = await silo.DrainAsync(cancellation);
            console.MarkupLine(Markup.Escape($"Silo {silo.Name} is draining; it stops within {within.TotalSeconds:0} s."));
            if (result.GetValue(noWait))
            {
                return 0;
            }

            // A little past its own bound: the last poll, and a process that is slow to exit.
            if (!await silo.WaitGoneAsync(within + TimeSpan.FromSeconds(5), cancellation))
            {
                Console.Error.WriteLine($"error: silo {silo.Name} still answers {watch.Elapsed.TotalSeconds:0} s after the drain began (it said {within.TotalSeconds:0} s)");
                return 1;
            }

            console.MarkupLine(Markup.Escape($"Silo {silo.Name} has left the cluster and stopped, {watch.Elapsed.TotalSeconds:0.0} s after the drain began."));
            return 0;
        });
        var command = new Command("silo", "One silo of a running cluster");
        command.Subcommands.Add(drain);
        return command;
    }
}
