namespace HeteroOrleans.Client;

/// <summary>What <see cref="ImageFiles.LoadReadable"/> could read.</summary>
/// <param name="Images">The images read, in order; null when none could be.</param>
/// <param name="Sources">For each image, the file it came from.</param>
/// <param name="Errors">For each file that could not be read, a line naming it and why.</param>
public sealed record ReadImages(CifarDataset? Images, IReadOnlyList<string> Sources, IReadOnlyList<string> Errors);
