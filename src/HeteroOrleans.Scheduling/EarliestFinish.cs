namespace HeteroOrleans.Scheduling;

/// <summary>The Adaptive scheme's one rule of choice: the device that would return a stage first.</summary>
internal static class EarliestFinish
{
    /// <summary>
    /// Of <paramref name="candidates"/> that are <paramref name="eligible"/>, the one that would return
    /// <paramref name="images"/> first; ties go to the one holding less work, then to the first given.
    /// </summary>
    public static DeviceEstimate? Of(IEnumerable<DeviceEstimate> candidates, int images, double nowMs, Func<DeviceEstimate, bool> eligible)
    {
        DeviceEstimate? best = null;
        var bestFinish = double.MaxValue;
        foreach (var estimate in candidates)
        {
            if (!eligible(estimate))
            {
                continue;
            }

            var finish = estimate.FinishMs(images, nowMs);
            if (finish < bestFinish - 1e-9 || (Math.Abs(finish - bestFinish) <= 1e-9 && estimate.OutstandingImages < best!.OutstandingImages))
            {
                (best, bestFinish) = (estimate, finish);
            }
        }

        return best;
    }
}
