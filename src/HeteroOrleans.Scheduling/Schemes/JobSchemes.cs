namespace HeteroOrleans.Scheduling;

/// <summary>Makes the scheme of a job: the one place that turns a scheme's name into the object that carries it out.</summary>
public static class JobSchemes
{
    /// <summary>The scheme <paramref name="kind"/> over <paramref name="profiles"/>, in tasks of <paramref name="batch"/>, on <paramref name="time"/>.</summary>
    /// <exception cref="SchedulingException">A role the scheme needs has no device, or the scheme cannot run on these devices; the message says why.</exception>
    public static IJobScheme Create(SchedulingScheme kind, IReadOnlyCollection<DeviceProfile> profiles, int batch, TimeProvider? time = null) =>
        kind == SchedulingScheme.Adaptive ? AdaptiveScheme.Create(profiles, batch, time) : PaperScheme.Create(kind, profiles, batch);
}
