namespace HeteroOrleans.Client;

/// <summary>No gateway could reach a job for longer than the client waits; the job itself may well go on.</summary>
public sealed class JobUnreachableException(string jobId, TimeSpan waited, Exception last)
    : Exception($"Job {jobId} could not be reached for {waited.TotalSeconds:F0} s (last error: {last.GetType().Name}: {FirstLine(last.Message)}). " +
                $"It keeps its results; resume it with: hetero submit --resume {jobId} (and the same --data, --images and gateways).", last)
{
    /// <summary>The job's id.</summary>
    public string JobId { get; } = jobId;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
