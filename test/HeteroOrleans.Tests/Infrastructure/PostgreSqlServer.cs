using System.Diagnostics;
using System.Globalization;
using System.Net;
using HeteroOrleans.Hosting.Net;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own: a fresh data folder, a free loopback port, no durability (fsync off). Run as
/// the <c>postgres</c> user where the test runs as root, as PostgreSQL requires. Tests skip, saying why, where the
/// server is not installed.
/// </summary>
internal sealed class PostgreSqlServer(Process process, int port, ProcessStartInfo launch) : IDisposable
{
    private Process _process = process;

    /// <summary>The Npgsql connection string of the server's <c>postgres</c> database (trusted login on loopback).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=hetero;Database=postgres";

    /// <summary>Makes a data folder, starts the server on it and waits until it accepts connections.</summary>
    public static async Task<PostgreSqlServer> StartAsync()
    {
        var bin = Binaries();
        Assert.SkipWhen(bin is null, "PostgreSQL is not installed (.ci/run installs Debian's postgresql)");
        var asRoot = Environment.UserName == "root";
        var data = Path.Combine(TestPaths.NewTempDirectory(), "pg");
        Directory.CreateDirectory(data);
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", Path.GetDirectoryName(data)!], asRoot: false);
        }

        await RunAsync(Path.Combine(bin!, "initdb"), ["-D", data, "-U", "hetero", "--auth=trust", "-E", "UTF8", "--no-sync"], asRoot);
        var port = FreePorts.Next();
        var launch = Start(Path.Combine(bin!, "postgres"),
            ["-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"], asRoot);
        var server = new PostgreSqlServer(Process.Start(launch)!, port, launch);
        await server.WaitUpAsync();
        return server;
    }

    /// <summary>Stops the server without grace (<c>kill -9</c> of it and its workers); its data stays on disk.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Starts the server again on its data (it recovers from its log) and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Kill();
        _process.Dispose();
        _process = Process.Start(launch)!;
        await WaitUpAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private Task WaitUpAsync() =>
        Poll.UntilAsync(
            async () => _process.HasExited ? throw new InvalidOperationException($"postgres exited at start: {await _process.StandardError.ReadToEndAsync()}")
                : await TcpProbe.AcceptsAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(1)),
            "postgres to accept connections", TimeSpan.FromSeconds(30));

    // Debian keeps the server's programs out of PATH, under /usr/lib/postgresql/VERSION/bin: the newest there, else PATH's.
    private static string? Binaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    // setpriv runs the program as the postgres user in place of itself: killing the process kills the server.
    private static ProcessStartInfo Start(string program, string[] arguments, bool asRoot)
    {
        var info = asRoot
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        (info.RedirectStandardOutput, info.RedirectStandardError) = (true, true);
        return info;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asRoot)
    {
        using var process = Process.Start(Start(program, arguments, asRoot))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await output}{await errors}");
    }
}
