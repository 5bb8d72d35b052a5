using HeteroOrleans.Grains.Privacy;
using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Adds devices that join the cluster while a job runs to its plan, as the plan already drops those that leave. The
/// job's view offers each newcomer once; one the job's spec does not limit out (it named no count for the tier) and its
/// scheme can take (Adaptive) is given the job's link override, cut where the job's start would have cut it when it is
/// untrusted, and weighed by the next stage of its role; its link is followed from then on. The job's record keeps it,
/// so that a later activation plans over it too.
/// </summary>
internal sealed class DeviceJoiner(
    string jobId, JobSpec spec, JobExecution run, List<DeviceProfile> devices, CutFollower links, SharedClassifiers classifiers, ILogger logger)
{
    /// <summary>Takes in the devices that joined since the last call; how many the job added.</summary>
    public async Task<int> AdmitAsync()
    {
        var added = 0;
        await run.View.RefreshAsync();
        foreach (var newcomer in run.View.TakeNewcomers())
        {
            var profile = spec.Latency?.For(newcomer.Profile.Tier) is { } roundTrip
                ? newcomer.Profile with { Link = newcomer.Profile.Link with { RoundTripLatencyMs = roundTrip.TotalMilliseconds } }
                : newcomer.Profile;
            if (spec.Devices?.For(profile.Tier) is { } limit)
            {
                logger.LogInformation("Job {Job}: {Device} joined the cluster; the job asked for {Limit} {Tier} device(s) and goes on without it", jobId, profile.Id, limit, profile.Tier);
                continue;
            }

            var (cuttable, cut) = await CutAsync(profile);
            if (!cuttable || !run.Join(profile, cut))
            {
                continue;
            }

            devices.Add(profile);
            links.Join(profile);
            added++;
            logger.LogInformation("Job {Job}: {Device} ({Tier}) joined the cluster and was added to the job's plan{Cut}",
                jobId, profile.Id, profile.Tier, cut is { } at ? $", cut at '{at.Tensor}'" : string.Empty);
        }

        return added;
    }

    // An untrusted device is cut as the job's start would cut it, over the job's devices with it among them (reading
    // model files and running graphs is blocking work: off the grain's scheduler). Not cuttable: left out.
    private async Task<(bool Cuttable, FeatureCut? Cut)> CutAsync(DeviceProfile profile)
    {
        if (profile.Trusted || spec.Privacy == PrivacyMode.Off)
        {
            return (true, null);
        }

        IReadOnlyCollection<DeviceProfile> all = [.. devices, profile];
        var current = new Dictionary<string, FeatureCut>(run.Results.Cuts.Current, StringComparer.Ordinal);
        try
        {
            var plan = await Task.Run(() => FeatureCuts.Plan(spec, all, classifiers, current));
            return (true, plan.GetValueOrDefault(profile.Id));
        }
        catch (ArgumentException e)
        {
            logger.LogWarning("Job {Job}: {Device} joined the cluster but cannot be cut as the job's privacy needs, and is left out: {Reason}", jobId, profile.Id, e.Message);
            return (false, null);
        }
    }
}
