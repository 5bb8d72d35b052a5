
namespace HeteroOrleans.Benchmarks;

/// <summary>One point of <c>hetero bench scale</c>: a cluster size, and what one Adaptive job over it measured.</summary>
/// <param name="EndDevices">End devices.</param>
/// <param name="Edges">Edge devices.</param>
/// <param name="Clouds">Cloud devices.</param>
/// <param name="Images">Images in the job.</param>
/// <param name="Tasks">Tasks in the job.</param>
/// <param name="StartupSeconds">From starting the silos until the device monitor listed every device.</param>
/// <param name="ActivationSeconds">Activating every device grain, all at once.</param>
/// <param name="Makespan">Each job's makespan, in the preset's time (multiplied back by the time scale), in seconds.</param>
/// <param name="BoundSeconds">The fluid bound of the job on these devices, in the preset's time.</param>
/// <param name="SchedulingMsPerTask">Each job's Adaptive planner's own time per task (real time, not scaled).</param>
/// <param name="ProcessCpuMsPerTask">Each job's CPU time of the whole process (three silos and the client) per task.</param>
/// <param name="PeakRssBytes">Peak resident memory of the process (every silo together) from start-up to the job's end.</param>
public sealed record ScalePoint(
    int EndDevices, int Edges, int Clouds, int Images, int Tasks, double StartupSeconds, double ActivationSeconds,
    Sample Makespan, double BoundSeconds, Sample SchedulingMsPerTask, Sample ProcessCpuMsPerTask, long PeakRssBytes)
{
    /// <summary>Devices in all.</summary>
    public int Devices => EndDevices + Edges + Clouds;

    /// <summary>How far from the best possible each job was.</summary>
    public Sample RatioToBound => Makespan.Over(BoundSeconds);
}
