using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// The model versions of one device: loads the sessions a plan names before switching to them, runs each batch on the
/// version the plan's canary share picks, and compares each canary answer with the active version's answer to the same
/// images — run beside the traffic, after the caller has its answer — for the rollout grain to judge.
/// </summary>
internal sealed class DeviceModels(DeviceHost host, DeviceProfile profile, IGrainFactory grains, ILogger logger)
{
    private readonly ModelVersions _versions = new();
    private readonly SessionTuning _tuning = DeviceTuning.For(profile);
    private readonly bool _emulated = profile.ComputeMode == ComputeMode.Emulated;

    /// <summary>What it runs, for its status.</summary>
    public string Describe() => _versions.Describe();

    /// <summary>The plan it runs; null before activation has loaded one.</summary>
    public ModelPlan? Plan => _versions.Plan;

    /// <summary>
    /// Loads the plan the device's tier runs now. A cluster whose rollout grain cannot be reached runs the manifest's
    /// default version rather than not at all.
    /// </summary>
    public async Task ActivateAsync(CancellationToken cancellation)
    {
        ModelPlan plan;
        try
        {
            plan = await host.Plans.GetAsync(profile.Tier, profile.ModelId).WaitAsync(TimeSpan.FromSeconds(10), cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            logger.LogWarning("Device {Device} runs {Model}'s default version: its rollout plan could not be read ({Error})", profile.Id, profile.ModelId, e.Message);
            plan = new ModelPlan(host.Classifiers.Store.Manifest.Get(profile.ModelId).Reference, null, 0, 0);
        }

        await TakeAsync(plan);
    }

    /// <summary>Loads what <paramref name="plan"/> names that the device lacks, then runs it; returns the plan it runs.</summary>
    public async Task<ModelPlan> TakeAsync(ModelPlan plan)
    {
        if (_versions.Plan is { } current && current.Generation > plan.Generation)
        {
            return current;
        }

        Check(plan.Active);
        if (plan.Candidate is { } named)
        {
            Check(named);
        }

        var active = await LoadAsync(plan.Active);
        var candidate = plan.Candidate is { } name ? await LoadAsync(name) : null;
        var before = _versions.Plan;
        if (_versions.Take(plan, active, candidate))
        {
            host.Plans.Remember(profile.Tier, profile.ModelId, plan);

            // The versions it no longer runs are dropped only now, once the new ones answer.
            string?[] kept = [active.Entry.Reference, candidate?.Entry.Reference];
            foreach (var dropped in ((string?[])[before?.Active, before?.Candidate]).OfType<string>().Where(r => !kept.Contains(host.Classifiers.Store.Manifest.Get(r).Reference)))
            {
                host.Classifiers.Forget(dropped, _tuning);
            }
        }

        return _versions.Plan!;
    }

    /// <summary>On the compute thread: a batch of pixels through the version the canary share picks.</summary>
    public Classification Classify(byte[] pixels, int count)
    {
        var classifier = _versions.Pick(count);
        return _emulated ? host.Predictions.Classify(classifier, pixels, count) : classifier.Classify(pixels, count);
    }

    /// <summary>Notes a batch's run: the versions' speeds are compared from these.</summary>
    public void Ran(string model, int images, double runMs) => _versions.Ran(model, images, runMs);

    /// <summary>
    /// When the candidate gave <paramref name="answer"/>: runs the active version over the same pixels, off the caller's
    /// path and behind the device's queued work, and reports the comparison to the rollout grain.
    /// </summary>
    public void CompareIfCanary(byte[] pixels, int count, InferenceResult answer)
    {
        if (!_versions.IsCandidate(answer.Model) || _versions.Plan is not { } plan)
        {
            return;
        }

        _ = CompareAsync(plan, pixels, count, answer);
    }

    private async Task CompareAsync(ModelPlan plan, byte[] pixels, int count, InferenceResult answer)
    {
        try
        {
            var active = _versions.Active;
            var baseline = (await host.Compute.RunAsync(() => _emulated ? host.Predictions.Classify(active, pixels, count) : active.Classify(pixels, count))).Value;
            var agreed = 0;
            for (var i = 0; i < count; i++)
            {
                agreed += baseline.Labels[i] == answer.Labels[i] ? 1 : 0;
            }

            var report = new CanaryReport(
                profile.Id, answer.Model, plan.Generation, count, agreed, answer.Confidences.Sum(), baseline.Confidences.Sum(),
                answer.ComputeMs / count, _versions.MsPerImage(active.Entry.Reference));
            await grains.GetGrain<IModelRolloutGrain>(IModelRolloutGrain.KeyOf(profile.Tier, profile.ModelId)).ReportAsync(report);
        }
        catch (Exception e)
        {
            // A lost comparison only makes the canary last a little longer.
            logger.LogWarning("Device {Device} could not compare {Candidate} with its active version: {Error}", profile.Id, answer.Model, e.Message);
        }
    }

    // A version of another model is never the device's to run: its answers would be of another network.
    private void Check(string reference)
    {
        var entry = host.Classifiers.Store.Manifest.Get(reference);
        if (entry.Id != profile.ModelId)
        {
            throw new ArgumentException($"Device {profile.Id} runs model '{profile.ModelId}'; '{reference}' is a version of another model.");
        }
    }

    // Opening a session blocks, and its first run pays for allocation and kernel choice: both off the grain's thread, and
    // on the pool for devices that compute for real. An emulated device's silo holds the session already.
    private async Task<OnnxClassifier> LoadAsync(string reference)
    {
        if (_emulated)
        {
            return await Task.Run(() => host.Classifiers.Get(reference, _tuning));
        }

        var loaded = await host.Compute.RunAsync(() =>
        {
            var classifier = host.Classifiers.Get(reference, _tuning);
            foreach (var images in ModelWarmup.WarmBatches)
            {
                classifier.Classify(new byte[images * PixelBatch.ImageBytes], images);
            }

            return classifier;
        });
        return loaded.Value;
    }
}
