namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary>How every bench shows its progress and leaves its results: Markdown written, printed, and where it went said.</summary>
internal static class BenchOutput
{
    /// <summary>Progress lines of a running bench, in grey.</summary>
    public static Action<string> Log(IAnsiConsole console) => line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");

    /// <summary>The stamp of a bench starting now, as the command line ran it.</summary>
    public static BenchStamp Stamp() => BenchStamp.Now(Environment.GetCommandLineArgs().Skip(1));

    /// <summary>
    /// Writes <paramref name="markdown"/> to <paramref name="path"/> with <paramref name="stamp"/> under its title, prints
    /// it, and names it with <paramref name="alsoWritten"/>.
    /// </summary>
    public static async Task PublishAsync(IAnsiConsole console, string path, string markdown, BenchStamp stamp, CancellationToken cancellation, params string[] alsoWritten)
    {
        var title = markdown.IndexOf('\n', StringComparison.Ordinal);
        markdown = title < 0 ? $"{markdown}\n\n{stamp.ToMarkdown()}\n" : $"{markdown[..title]}\n\n{stamp.ToMarkdown()}{markdown[title..]}";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, markdown, cancellation);
        Console.WriteLine(markdown);
        console.MarkupLine($"Written to {Markup.Escape(string.Join(" and ", alsoWritten.Prepend(path)))}");
    }

    /// <summary>The folder <paramref name="folder"/>, created, with <paramref name="file"/> in it.</summary>
    public static string In(string folder, string file)
    {
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, file);
    }
}
