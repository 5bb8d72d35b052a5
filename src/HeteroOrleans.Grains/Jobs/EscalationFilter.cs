namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Which images of a task go on to the fine stage once the coarse one has answered, and how their fine answers join
/// the task again: under <see cref="Escalation.Uncertain"/>, only those the end model was unsure of travel on.
/// </summary>
internal sealed class EscalationFilter(JobSpec spec)
{
    // Under a budget, the job's own threshold, learnt from every coarse answer it sees.
    private readonly EscalationBudget? _budget = spec.Escalate == Escalation.Budget ? new EscalationBudget(spec.EscalationBudget, spec.EscalationThreshold) : null;

    /// <summary>The threshold: the spec's, or the one the budget has learnt so far.</summary>
    public double Threshold => _budget?.Learnt ?? spec.EscalationThreshold;

    /// <summary>
    /// The positions (within the task) of the images to escalate, and a batch holding just their pixels; the batch is
    /// null when none is.
    /// </summary>
    public (PixelBatch? Fine, int[] Positions) Select(InferenceResult coarse, PixelBatch batch)
    {
        // A threshold of 1 sends every image on, even one whose confidence rounds to exactly 1.
        if (spec.Escalate == Escalation.All || (spec.Escalate == Escalation.Uncertain && spec.EscalationThreshold >= 1))
        {
            return (batch, Enumerable.Range(0, batch.Count).ToArray());
        }

        var positions = Enumerable.Range(0, batch.Count).Where(i => Escalates(coarse.Confidences[i])).ToArray();
        if (positions.Length == 0)
        {
            return (null, positions);
        }

        if (positions.Length == batch.Count)
        {
            return (batch, positions);
        }

        var pixels = new byte[positions.Length * PixelBatch.ImageBytes];
        for (var i = 0; i < positions.Length; i++)
        {
            batch.Pixels.AsSpan(positions[i] * PixelBatch.ImageBytes, PixelBatch.ImageBytes).CopyTo(pixels.AsSpan(i * PixelBatch.ImageBytes));
        }

        return (batch with { Count = positions.Length, Pixels = pixels }, positions);
    }

    private bool Escalates(float confidence) => _budget?.Decide(confidence) ?? confidence < spec.EscalationThreshold;

    /// <summary>The fine answer for the whole task: the escalated images' labels in place, -1 ("not asked") elsewhere.</summary>
    public static InferenceResult Expand(InferenceResult fine, int[] positions, int count)
    {
        if (positions.Length == count)
        {
            return fine;
        }

        var labels = Enumerable.Repeat(-1, count).ToArray();
        var confidences = new float[count];
        for (var i = 0; i < positions.Length; i++)
        {
            (labels[positions[i]], confidences[positions[i]]) = (fine.Labels[i], fine.Confidences[i]);
        }

        return fine with { Labels = labels, Confidences = confidences };
    }
}
