namespace HeteroOrleans.Cli.Commands;

/// <summary>What to do with a job's answers as they come.</summary>
/// <param name="Print">Print each answer as a line (<c>--follow</c>).</param>
/// <param name="JsonLinesPath">Write each answer as a JSON line to this file (<c>--out</c>); null: none.</param>
/// <param name="HardExamplesDirectory">Once the job ends, append the images the fine model corrected to this folder (<c>--hard-examples</c>); null: none.</param>
public sealed record AnswerOutput(bool Print, string? JsonLinesPath, string? HardExamplesDirectory = null)
{
    /// <summary>True when the answers are wanted at all.</summary>
    public bool Wanted => Print || JsonLinesPath is not null;
}
