namespace HeteroOrleans.Benchmarks;

/// <summary>This process's peak resident memory, as Linux counts it (<c>VmHWM</c>), with a reset between measurements.</summary>
public static class PeakMemory
{
    /// <summary>Starts a new peak from the memory resident now; false where the kernel does not allow it (then peaks only grow).</summary>
    public static bool Reset()
    {
        try
        {
            // Writing 5 to clear_refs resets the peak resident set size (Linux 4.0 and later).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak resident memory in bytes since the last reset; the working set where <c>/proc</c> has none.</summary>
    public static long Read()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], out var kib))
            {
                return kib * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return Environment.WorkingSet;
    }
}
