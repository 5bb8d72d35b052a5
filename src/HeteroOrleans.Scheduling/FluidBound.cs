namespace HeteroOrleans.Scheduling;

/// <summary>
/// The fluid lower bound of a job's makespan: each stage's work spread over its devices' combined speed as if
/// it were a divisible fluid, the two stages fully overlapped, and the fine stage's results a round trip later (the
/// shortest of its devices' links): no fine work starts before the pixels cross, nor is done before its answer
/// crosses back. The coarse stage runs on the end devices, where the job is. No schedule on these devices can beat it, so a measured makespan divided by it says how far from the
/// best possible the schedule is.
/// </summary>
public static class FluidBound
{
    /// <summary>The bound, in seconds.</summary>
    /// <param name="images">Images in the job.</param>
    /// <param name="endMsPerImage">Per end device: inference time per image.</param>
    /// <param name="upper">Per edge or cloud device usable for the fine stage: inference time per image and round-trip link time. Empty: no fine stage.</param>
    public static double Makespan(int images, IReadOnlyList<double> endMsPerImage, IReadOnlyList<(double MsPerImage, double RoundTripMs)> upper)
    {
        if (endMsPerImage.Count == 0)
        {
            throw new SchedulingException("The fluid bound needs at least one end device.");
        }

        var coarse = images / endMsPerImage.Sum(ms => 1 / ms) / 1000;
        if (upper.Count == 0)
        {
            return coarse;
        }

        var fine = images / upper.Sum(d => 1 / d.MsPerImage) / 1000;
        return Math.Max(coarse, fine + upper.Min(d => d.RoundTripMs) / 1000);
    }
}
