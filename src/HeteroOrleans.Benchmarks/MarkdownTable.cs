using System.Text;

namespace HeteroOrleans.Benchmarks;

/// <summary>A GitHub-flavoured Markdown table, for benchmark results that go to files and to the terminal alike.</summary>
public sealed class MarkdownTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Rows added so far.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds a row; cells beyond the columns are dropped, missing ones left empty.</summary>
    public MarkdownTable Add(params string[] cells)
    {
        _rows.Add(columns.Select((_, i) => i < cells.Length ? cells[i] : string.Empty).ToArray());
        return this;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var widths = columns.Select((c, i) => _rows.Select(r => r[i].Length).Append(c.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IEnumerable<string> cells) => text.Append("| ").Append(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i])))).AppendLine(" |");
        Line(columns);
        text.Append('|').Append(string.Join("|", widths.Select(w => new string('-', w + 2)))).AppendLine("|");
        foreach (var row in _rows)
        {
            Line(row);
        }

        return text.ToString();
    }
}
