namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Where jobs keep their state (<c>Silo:Jobs</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// With Localhost or InProcess clustering, the folder every silo of the machine shares, so that a job whose silo
    /// dies continues on another. Default: a folder per service id under the system's temp folder. With Redis or
    /// ADO.NET clustering jobs are kept in that store instead.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// How long an ended job's state (its results) is kept: state last written longer ago is deleted, checked at start
    /// and every hour by each silo. Default 7 days; zero keeps it for ever. At least an hour: a running job writes its
    /// state far more often.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
