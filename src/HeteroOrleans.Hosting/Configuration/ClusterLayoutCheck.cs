namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks the silos of one cluster against each other before any starts: no port is given to two of them, and no
/// device id is declared twice (its grain can run on one silo only).
/// </summary>
public static class ClusterLayoutCheck
{
    /// <summary>Checks <paramref name="silos"/>.</summary>
    /// <exception cref="SiloConfigException">Two silos share a port or a device id.</exception>
    public static void Check(IReadOnlyList<SiloSettings> silos, string source)
    {
        var errors = new List<string>();
        var ports = silos.SelectMany(s => new[]
            {
                (Silo: s.Name, Key: "SiloPort", Port: s.Options.SiloPort),
                (Silo: s.Name, Key: "GatewayPort", Port: s.Options.GatewayPort),
                (Silo: s.Name, Key: "Dashboard:Port", Port: s.Options.Dashboard.Port),
            })
            .Where(p => p.Port != 0);
        foreach (var shared in ports.GroupBy(p => p.Port).Where(g => g.Select(p => p.Silo).Distinct().Count() > 1))
        {
            errors.Add($"port {shared.Key} is given to {string.Join(" and ", shared.Select(p => $"silo '{p.Silo}' ({HeteroSiloOptions.SectionName}:{p.Key})"))}");
        }

        foreach (var twice in silos.SelectMany(s => s.Devices.Select(d => (Silo: s.Name, d.Id))).GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"device '{twice.Key}' is declared by {string.Join(" and ", twice.Select(d => $"silo '{d.Silo}'"))}; a device runs on one silo");
        }

        if (errors.Count > 0)
        {
            throw new SiloConfigException(source, errors);
        }
    }
}
