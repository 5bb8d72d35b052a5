namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary>
/// The options of a bench that runs the silos of a config folder as processes on a Redis server of their own: the
/// folder, the silo program and the Redis server program.
/// </summary>
internal sealed class ProcessClusterOptions(string configsDescription = "The folder of the cluster's silo configs (default silo-configs/cluster)")
{
    /// <summary><c>--configs</c>.</summary>
    public Option<DirectoryInfo?> Configs { get; } = new("--configs") { Description = configsDescription };

    /// <summary><c>--silo</c>.</summary>
    public Option<FileInfo?> Silo { get; } = new("--silo")
    {
        Description = "The silo program (default: publish/silo/HeteroOrleans.Silo, else the one built under src/HeteroOrleans.Silo/bin)",
    };

    /// <summary><c>--redis-server</c>.</summary>
    public Option<string> Redis { get; } = new("--redis-server") { Description = "The Redis server program", DefaultValueFactory = _ => "redis-server" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Configs);
        command.Options.Add(Silo);
        command.Options.Add(Redis);
    }

    /// <summary>The config folder given, else <c>silo-configs/cluster</c>.</summary>
    public DirectoryInfo Folder(ParseResult result) =>
        result.GetValue(Configs) ?? new DirectoryInfo(Path.Combine(LocalCluster.DefaultConfigDirectory(), "cluster"));

    /// <summary>The folder's silo configs in name order; at least <paramref name="least"/>, else an error saying <paramref name="why"/>.</summary>
    public IReadOnlyList<FileInfo> ConfigFiles(ParseResult result, int least = 1, string why = "no silo configs there")
    {
        var folder = Folder(result);
        var files = folder.Exists ? folder.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal).ToList() : [];
        return files.Count >= least ? files : throw new ArgumentException($"--configs {folder.FullName}: {why}");
    }

    /// <summary>The Redis server program.</summary>
    public string RedisServer(ParseResult result) => result.GetValue(Redis)!;

    /// <summary>The silo program given, else the published silo beside this program, else the newest build of the source tree this runs in.</summary>
    public string SiloProgram(ParseResult result)
    {
        if (result.GetValue(Silo) is { } given)
        {
            return given.Exists ? given.FullName : throw new ArgumentException($"--silo {given.FullName}: no such file");
        }

        string[] beside = [Path.Combine(AppContext.BaseDirectory, "..", "silo", "HeteroOrleans.Silo")];
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var built = (string[])["Release", "Debug"];
            var found = beside.Concat(built.Select(c => Path.Combine(dir.FullName, "src", "HeteroOrleans.Silo", "bin", c, "net10.0", "linux-x64", "HeteroOrleans.Silo")))
                .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
            if (found is not null)
            {
                return Path.GetFullPath(found);
            }
        }

        throw new ArgumentException("No silo program found: build it (dotnet build src/HeteroOrleans.Silo -c Release) or give --silo PATH");
    }
}
