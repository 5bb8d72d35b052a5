using System.Globalization;
using HeteroOrleans.Contracts.Models;
using Microsoft.Extensions.DependencyInjection;

namespace HeteroOrleans.Cli.Commands.Models;

/// <summary>
/// <c>hetero models rollout MODEL@V --tier Edge --canary 10%</c>: a new version of a model on a running cluster, as a
/// canary that rolls itself out or back.
/// </summary>
internal static class RolloutCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("model") { Description = "The version to roll out, MODEL@VERSION; with --status or --abort, MODEL" };
        var tier = ChoiceOption.Create<Tier>("--tier", "The tier whose devices take it", Tier.Edge);
        var canary = new Option<string>("--canary") { Description = "Share of the images the new version answers while it is compared: 10% or 0.1", DefaultValueFactory = _ => "10%" };
        var images = new Option<int>("--canary-images") { Description = "Images compared before it answers every image", DefaultValueFactory = _ => RolloutSpec.DefaultCanaryImages };
        var agreement = new Option<string>("--agreement-margin") { Description = "Rolled back when it agrees with the version in use on fewer than 100% less this of the images", DefaultValueFactory = _ => "10%" };
        var confidence = new Option<double>("--confidence-margin") { Description = "… or when its mean confidence is more than this below", DefaultValueFactory = _ => RolloutSpec.DefaultConfidenceMargin };
        var latency = new Option<string>("--latency-margin") { Description = "… or when its compute time per image is more than this above", DefaultValueFactory = _ => "50%" };
        var status = new Option<bool>("--status") { Description = "Show where the model's rollout on the tier stands, and exit" };
        var abort = new Option<bool>("--abort") { Description = "Abort the running canary: back to the version in use" };
        var noWait = new Option<bool>("--no-wait") { Description = "Start the canary and exit; follow it with --status" };
        var gateway = new GatewayOptions();
        var command = new Command("rollout", "Roll a new version of a model out to a tier of a running cluster: a canary share of the images first, compared with the version in use, " +
            "then every image — or back, by itself, when it is worse by a margin. Exit 0 rolled out, 1 rolled back")
        {
            model, tier, canary, images, agreement, confidence, latency, status, abort, noWait,
        };
        gateway.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var named = result.GetValue(model)!;
            if (result.GetValue(images) is < 1 or > 1_000_000 || result.GetValue(confidence) is < 0 or > 1)
            {
                throw new ArgumentException(result.GetValue(images) is < 1 or > 1_000_000
                    ? $"--canary-images {result.GetValue(images)}: from 1 to 1,000,000"
                    : $"--confidence-margin {result.GetValue(confidence).ToString(CultureInfo.InvariantCulture)}: from 0 to 1");
            }

            var (modelId, chosenTier) = (named.Split('@')[0], result.GetValue(tier));
            var spec = result.GetValue(status) || result.GetValue(abort) ? null : new RolloutSpec(
                named, chosenTier, Shares.Parse(result.GetValue(canary)!, "--canary"), result.GetValue(images),
                Shares.Parse(result.GetValue(agreement)!, "--agreement-margin", 0.99), result.GetValue(confidence), Shares.Parse(result.GetValue(latency)!, "--latency-margin", 100));
            if (spec?.Problem() is { } problem)
            {
                throw new ArgumentException(problem);
            }

            using var client = await gateway.ConnectAsync(result, console, cancellation);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            RolloutState state;
            if (spec is null)
            {
                state = result.GetValue(abort)
                    ? await ModelRollout.Of(grains, chosenTier, modelId).AbortAsync("by hetero models rollout --abort")
                    : await ModelRollout.Of(grains, chosenTier, modelId).GetStateAsync();
                Print(console, state);
                return 0;
            }

            state = await ModelRollout.StartAsync(grains, spec);
            console.MarkupLine($"Canary of [bold]{spec.Candidate}[/] beside {state.Plan.Active} on {state.Devices} {chosenTier} device(s), {spec.CanaryShare:P0} of their images; verdict after {spec.CanaryImages:N0} compared.");
            if (!result.GetValue(noWait))
            {
                var shown = -1;
                state = await ModelRollout.FollowAsync(grains, chosenTier, modelId, s =>
                {
                    if (s.Phase == RolloutPhase.Canary && s.Compared.Images != shown)
                    {
                        shown = s.Compared.Images;
                        console.MarkupLine($"  {s.Compared.Images,6:N0} compared: agreement {s.Compared.Agreement:P1}, confidence {s.Compared.ConfidenceChange:+0.000;-0.000;0.000}, compute ×{s.Compared.LatencyRatio:F2}");
                    }
                }, cancellation);
            }

            Print(console, state);
            return state.Phase == RolloutPhase.RolledBack ? 1 : 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, RolloutState state)
    {
        var what = state.Phase switch
        {
            RolloutPhase.None => "no rollout has run",
            RolloutPhase.Canary => $"canary of {state.Plan.Candidate} on {state.Plan.CanaryShare:P0} of the images: {state.Compared.Images:N0} of {state.Spec?.CanaryImages:N0} compared, agreement {state.Compared.Agreement:P1}",
            RolloutPhase.RolledOut => $"[green]rolled out[/] {state.DecidedAtUtc:u}: {Markup.Escape(state.Reason ?? "")}",
            _ => $"[red]rolled back[/] {state.DecidedAtUtc:u}: {Markup.Escape(state.Reason ?? "")}",
        };
        console.MarkupLine($"Devices run [bold]{state.Plan.Active}[/] (plan {state.Plan.Generation}, taken by {state.Devices} device(s)) — {what}");
    }
}
