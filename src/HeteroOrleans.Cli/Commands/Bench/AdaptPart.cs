namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary>Which part of <c>hetero bench adapt</c> runs.</summary>
internal enum AdaptPart
{
    /// <summary>Every part.</summary>
    All,

    /// <summary>The cloud link stepping mid-job.</summary>
    Bandwidth,

    /// <summary>The data drifting mid-stream.</summary>
    Drift,

    /// <summary>Edges joining a running job.</summary>
    Join,
}
