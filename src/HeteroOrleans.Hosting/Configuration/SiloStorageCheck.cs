namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks, before a silo joins its cluster, that the folder it keeps jobs in (<c>Silo:Jobs:Directory</c>) can be one:
/// a file of that name would fail the first job's first write, long after the silo said it was up. A folder it makes
/// is its user's alone: jobs' results are nobody else's to read.
/// </summary>
public static class SiloStorageCheck
{
    /// <summary>Checks the jobs folder of <paramref name="settings"/>.</summary>
    /// <exception cref="SiloConfigException">The path names a file, or the folder cannot be made.</exception>
    public static void Check(SiloSettings settings, string source)
    {
        var key = $"{HeteroSiloOptions.SectionName}:Jobs:Directory";
        if (File.Exists(settings.JobsDirectory))
        {
            throw new SiloConfigException(source, [$"{key}: '{settings.JobsDirectory}' is a file, not a folder"]);
        }

        if (OperatingSystem.IsWindows() || Directory.Exists(settings.JobsDirectory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(settings.JobsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiloConfigException(source, [$"{key}: '{settings.JobsDirectory}' cannot be made ({e.Message})"]);
        }
    }
}
