namespace HeteroOrleans.Benchmarks.Checking;

/// <summary>The lines the headline figures must hold: one place for each, quoted by the check and its tests.</summary>
public static class CheckLimits
{
    /// <summary>Adaptive's makespan over the fluid bound (bench schemes, N_end = 4 and 8).</summary>
    public const double AdaptiveOverBound = 1.10;

    /// <summary>Monitor's makespan over the bound of the surviving capacity (bench faults, k = 0, 2, 4, 6).</summary>
    public const double MonitorOverBound = 1.10;

    /// <summary>A batch of 50 through the device grain over ONNX Runtime called directly (bench models, the shipped models).</summary>
    public const double GrainOverRaw = 1.05;

    /// <summary>What encrypting at the auto cut adds to the makespan at a 0.5 s cloud link (bench privacy).</summary>
    public const double AutoCutOverhead = 0.15;

    /// <summary>The N_end values Adaptive is checked at.</summary>
    public static IReadOnlyList<int> AdaptiveEndDevices { get; } = [4, 8];

    /// <summary>The numbers of failing devices Monitor is checked at.</summary>
    public static IReadOnlyList<int> MonitorFailures { get; } = [0, 2, 4, 6];

    /// <summary>The runs of the fault campaign the check makes.</summary>
    public const int ChaosRuns = 3;

    /// <summary>The rate at which the inference service must keep up on the shipped configs' real devices (bench serve): 8× the job-per-request path's 125/s.</summary>
    public const double ServeRate = 1000;

    /// <summary>The share of requests answered by their deadline (+ 20 ms) at <see cref="ServeRate"/>.</summary>
    public const double ServeByDeadline = 0.99;

    /// <summary>
    /// The fine p50 at 10 requests/s, ms: 5 % above the 503 ms a job's single-image task took (docs/bench/latency-onnx.md,
    /// before the service existed).
    /// </summary>
    public const double ServeLightFineP50Ms = 528;

    /// <summary>A re-cut job's makespan over the oracle's (each phase on its own with its best cut), the cloud link stepping 50 → 5 → 50 Mbit/s.</summary>
    public const double RecutOverOracle = 1.10;

    /// <summary>The least speed-up of the re-cut job over the one whose cut was fixed at its start.</summary>
    public const double RecutSpeedUp = 1.5;

    /// <summary>Seconds from a step of the link to the new cut in force.</summary>
    public const double CutInForceS = 5;

    /// <summary>The escalation budget the drift stream is held to.</summary>
    public const double Budget = 0.25;

    /// <summary>Points the escalated share of any window of 500 images, from 500 after the data shifted, may stray from the budget.</summary>
    public const double BudgetPoints = 2;

    /// <summary>Points of fine accuracy the budget may lose against the best fixed threshold in hindsight.</summary>
    public const double BudgetAccuracyPoints = 1;

    /// <summary>Seconds from a late silo's start to the job sending each of its edges work (bench adapt, join).</summary>
    public const double JoinFirstWorkS = 2;

    /// <summary>The time the joining edges saved the job, as a share of what they save its fluid bound (bench adapt, join).</summary>
    public const double JoinSavedShare = 0.8;
}
