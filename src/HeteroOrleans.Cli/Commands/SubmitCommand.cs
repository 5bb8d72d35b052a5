using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HeteroOrleans.Cli.Commands;

/// <summary><c>hetero submit</c>: runs one job on a running cluster through one of its gateways.</summary>
public static class SubmitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var jobOptions = new JobCommandOptions();
        var gateways = new GatewayOptions();
        var resume = new Option<string?>("--resume")
        {
            Description = "Resume job JOB-ID (its results are kept): submit only its tasks without a result; give the same --data and --images",
        };
        var command = new Command("submit", "Classify a data set on a running cluster");
        jobOptions.AddTo(command);
        gateways.AddTo(command);
        command.Options.Add(resume);
        command.SetAction(async (result, cancellation) =>
        {
            var data = jobOptions.LoadData(result, console);
            using var app = await gateways.ConnectAsync(result, console, cancellation);
            try
            {
                var grains = app.Services.GetRequiredService<IClusterClient>();
                return await JobSession.RunAsync(console, grains, data, jobOptions.Read(result), cancellation, result.GetValue(resume), jobOptions.Answers(result), leaveRunning: true);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
