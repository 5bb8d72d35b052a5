namespace HeteroOrleans.Hosting.Operations;

/// <summary>One silo's restart in a roll.</summary>
/// <param name="Silo">The silo's name.</param>
/// <param name="Stopped">From its drain's start until it had gone.</param>
/// <param name="Ready">From its start until it was ready again.</param>
/// <param name="DrainBound">How long it said its stop could take.</param>
public sealed record RestartStep(string Silo, TimeSpan Stopped, TimeSpan Ready, TimeSpan DrainBound);
