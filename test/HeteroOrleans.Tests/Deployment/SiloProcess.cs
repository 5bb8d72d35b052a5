using System.Diagnostics;

namespace HeteroOrleans.Tests.Deployment;

/// <summary>A silo started as its own process from a config file, as a deployment runs it.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly string _config;
    private readonly string _directory;
    private Process _process;
    private ProcessOutput _output;

    private SiloProcess(string name, string config, string directory, int siloPort, int gatewayPort, int dashboardPort)
    {
        (Name, _config, _directory, SiloPort, GatewayPort, DashboardPort) = (name, config, directory, siloPort, gatewayPort, dashboardPort);
        _process = ProgramRun.Start(ProgramRun.Silo, directory, ["--config", config], out _output);
    }

    public string Name { get; }

    /// <summary>The silo's config file.</summary>
    public FileInfo Config => new(_config);

    /// <summary>The process's id, for signals.</summary>
    public int ProcessId => _process.Id;

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int DashboardPort { get; }

    /// <summary>Whether the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote.</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Writes the config of a silo of <paramref name="tier"/> keeping membership and jobs in <paramref name="store"/>
    /// (Redis unless <paramref name="provider"/> says otherwise) and starts it.
    /// </summary>
    public static SiloProcess Start(
        string directory, string name, Tier tier, string[] devices, double msPerImage, string store, string cluster, string models, string provider = "Redis",
        string extra = "")
    {
        var (siloPort, gatewayPort, dashboardPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var model = tier switch { Tier.End => "mobilenet-tiny", Tier.Edge => "resnet-tiny", _ => "wrn-tiny" };
        var entries = string.Join(", ", devices.Select(id =>
            $$"""{ "Id": "{{id}}", "Tier": "{{tier}}", "Model": "{{model}}", "ComputeMode": "Emulated", "MsPerImage": {{msPerImage}} }"""));
        var config = Path.Combine(directory, $"{name}.json");
        File.WriteAllText(config, $$"""
            { "Silo": { "Name": "{{name}}", "Tiers": ["{{tier}}"], "ClusterId": "{{cluster}}", "ServiceId": "{{cluster}}",
              "SiloPort": {{siloPort}}, "GatewayPort": {{gatewayPort}}, "Dashboard": { "Port": {{dashboardPort}} }, "ModelsDirectory": "{{models}}",
              "Clustering": { "Provider": "{{provider}}", "ConnectionString": "{{store}}" },
              "Membership": { "ProbeTimeout": "00:00:01", "NumMissedProbesLimit": 2, "NumVotesForDeathDeclaration": 1 },
              "Devices": [ {{entries}} ] {{extra}} } }
            """);
        return new SiloProcess(name, config, directory, siloPort, gatewayPort, dashboardPort);
    }

    /// <summary>Waits until the silo says it is up.</summary>
    public async Task WaitUpAsync()
    {
        await Poll.UntilAsync(() => Output.Contains("is up", StringComparison.Ordinal) || _process.HasExited, $"silo {Name} to be up", TimeSpan.FromSeconds(120));
        Assert.False(_process.HasExited, $"silo {Name} exited:\n{Output}");
    }

    /// <summary><c>kill -9</c>: the process ends without a word to the cluster.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Waits until the process has exited by itself; false after <paramref name="limit"/>.</summary>
    public async Task<bool> WaitExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Starts the silo again from its config, after it stopped or was killed.</summary>
    /// <param name="belowNormal">
    /// Runs it below normal priority: on a machine shared with the others, its start-up (a runtime loading and compiling)
    /// then takes only the cores they leave, as it would on a machine of its own.
    /// </param>
    public void Restart(bool belowNormal = false)
    {
        _process.Dispose();
        _process = ProgramRun.Start(ProgramRun.Silo, _directory, ["--config", _config], out _output);
        if (belowNormal)
        {
            _process.PriorityClass = System.Diagnostics.ProcessPriorityClass.BelowNormal;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
