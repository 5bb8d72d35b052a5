namespace HeteroOrleans.Silo.Configuration;

/// <summary>
/// Orleans failure detection (<c>ClusterMembershipOptions</c>); set the same on every silo. Orleans' production
/// defaults (probe timeout 5 s, 3 missed probes, 2 votes) declare a killed silo dead in about 12 s and a hung one
/// in about 66 s on this machine; 1 s, 2 and 1 bring that to under 1 s and about 8 s.
/// </summary>
/// <param name="ProbeTimeout">How long a silo waits for a probe's answer.</param>
/// <param name="MissedProbesLimit">Missed probes before a silo suspects another.</param>
/// <param name="VotesForDeathDeclaration">Suspicions needed to declare a silo dead.</param>
public sealed record MembershipTuning(TimeSpan ProbeTimeout, int MissedProbesLimit, int VotesForDeathDeclaration);
