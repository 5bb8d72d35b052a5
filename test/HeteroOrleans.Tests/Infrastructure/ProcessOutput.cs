using System.Text;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>What a running process has written so far; read while it still writes.</summary>
internal sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds a line the process wrote.</summary>
    public void Add(string? line)
    {
        lock (_text)
        {
            _text.AppendLine(line);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
