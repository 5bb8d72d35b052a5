namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks, before a silo joins its cluster, that the folder it keeps jobs in (<c>Silo:Jobs:Directory</c>) can be one:
/// a file of that name would fail the first job's first write, long after the silo said it was up.
/// </summary>
public static class SiloStorageCheck
{
    /// <summary>Checks the jobs folder of <paramref name="settings"/>.</summary>
    /// <exception cref="SiloConfigException">The path names a file.</exception>
    public static void Check(SiloSettings settings, string source)
    {
        if (File.Exists(settings.JobsDirectory))
        {
            throw new SiloConfigException(source, [$"{HeteroSiloOptions.SectionName}:Jobs:Directory: '{settings.JobsDirectory}' is a file, not a folder"]);
        }
    }
}
