namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// The sessions of the versions a device runs, swapped as one: the plan, its active version and its candidate. Batches
/// read it on the compute thread while the grain swaps it, so it is one immutable set behind one reference.
/// </summary>
internal sealed class ModelVersions
{
    // How much each batch moves a version's time per image: about the last ten batches count.
    private const double Smoothing = 0.1;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, double> _msPerImage = new(StringComparer.Ordinal);
    private volatile Loaded? _loaded;
    private long _images;
    private long _canaryImages;

    /// <summary>The plan it runs; null before the first.</summary>
    public ModelPlan? Plan => _loaded?.Plan;

    /// <summary>The version every image goes to outside the canary.</summary>
    public OnnxClassifier Active => (_loaded ?? throw new InvalidOperationException("The device holds no model yet.")).Active;

    /// <summary>Runs <paramref name="plan"/> with its loaded sessions from now on, unless the device already runs a newer one.</summary>
    public bool Take(ModelPlan plan, OnnxClassifier active, OnnxClassifier? candidate)
    {
        lock (_lock)
        {
            if (_loaded is { } current && current.Plan.Generation > plan.Generation)
            {
                return false;
            }

            (_images, _canaryImages) = (0, 0);
            _loaded = new Loaded(plan, active, candidate);
            return true;
        }
    }

    /// <summary>
    /// The session a batch of <paramref name="count"/> images runs on: the candidate while its images are fewer than the
    /// plan's share of all images so far, else the active version. The share holds per device, batch sizes whatever.
    /// </summary>
    public OnnxClassifier Pick(int count)
    {
        var loaded = _loaded ?? throw new InvalidOperationException("The device holds no model yet.");
        if (loaded.Candidate is not { } candidate)
        {
            return loaded.Active;
        }

        lock (_lock)
        {
            _images += count;
            if (_canaryImages >= loaded.Plan.CanaryShare * _images)
            {
                return loaded.Active;
            }

            _canaryImages += count;
            return candidate;
        }
    }

    /// <summary>Whether <paramref name="model"/> is the candidate under canary.</summary>
    public bool IsCandidate(string model) => _loaded?.Candidate?.Entry.Reference == model;

    /// <summary>Notes a batch's compute time, to compare the versions' speed.</summary>
    public void Ran(string model, int images, double runMs)
    {
        if (images <= 0 || model.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            var ms = runMs / images;
            _msPerImage[model] = _msPerImage.TryGetValue(model, out var before) ? before + Smoothing * (ms - before) : ms;
        }
    }

    /// <summary>The recent compute time per image of <paramref name="model"/>; 0 before any batch.</summary>
    public double MsPerImage(string model)
    {
        lock (_lock)
        {
            return _msPerImage.GetValueOrDefault(model);
        }
    }

    /// <summary>What it runs, for its status: <c>resnet-10-w16@1</c>, or with <c>+ @2 canary 10 %</c>.</summary>
    public string Describe() =>
        _loaded is not { } loaded ? ""
        : loaded.Candidate is { } candidate ? $"{loaded.Active.Entry.Reference} + {candidate.Entry.Reference} canary {loaded.Plan.CanaryShare:P0}"
        : loaded.Active.Entry.Reference;

    private sealed record Loaded(ModelPlan Plan, OnnxClassifier Active, OnnxClassifier? Candidate);
}
