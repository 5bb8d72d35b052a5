using System.Net;
using HeteroOrleans.Grains.Silos;
using HeteroOrleans.Hosting.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HeteroOrleans.Cli.Commands;

/// <summary>The options that reach a running cluster through its gateways, and the connection they make.</summary>
public sealed class GatewayOptions
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Gateways to try.</summary>
    public Option<string[]> Gateway { get; } = new("--gateway")
    {
        Description = "A silo gateway, HOST:PORT (the GatewayPort of a silo config); give several so that the client carries on when one dies",
        DefaultValueFactory = _ => ["127.0.0.1:30000"],
    };

    /// <summary>Orleans cluster id.</summary>
    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "Orleans cluster id", DefaultValueFactory = _ => "hetero" };

    /// <summary>Orleans service id.</summary>
    public Option<string> ServiceId { get; } = new("--service-id") { Description = "Orleans service id", DefaultValueFactory = _ => "hetero" };

    /// <summary>Client certificate.</summary>
    public Option<string?> TlsCertificate { get; } = new("--tls-cert") { Description = "Client certificate (.pfx) for a cluster that requires TLS" };

    /// <summary>The environment variable that may hold the client certificate's password.</summary>
    public const string PasswordVariable = "HETERO_TLS_PASSWORD";

    /// <summary>A file holding its password: never the password itself on a command line, which other users and shell histories see.</summary>
    public Option<string?> TlsPasswordFile { get; } = new("--tls-password-file")
    {
        Description = $"File holding the password of --tls-cert (or set ${PasswordVariable}); certificates from 'hetero certs create' have none",
    };

    /// <summary>Silo certificate thumbprints to trust.</summary>
    public Option<string[]> TlsTrust { get; } = new("--tls-trust")
    {
        Description = "Thumbprints of the silos' certificates (default: the client certificate's own)",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The cluster's certificate authority.</summary>
    public Option<string?> TlsAuthority { get; } = new("--tls-ca")
    {
        Description = "The cluster's certificate authority (ca.crt of 'hetero certs create'): silos it signed are trusted",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Option[] all = [TlsCertificate, TlsPasswordFile, TlsAuthority, TlsTrust, Gateway, ClusterId, ServiceId];
        all.ToList().ForEach(command.Options.Add);
    }

    /// <summary>A started Orleans client of the cluster the options name; the caller stops it.</summary>
    /// <exception cref="TimeoutException">No silo took the client in time; the message says what answered.</exception>
    /// <exception cref="ArgumentException">A gateway is not HOST:PORT or does not resolve.</exception>
    public async Task<IHost> ConnectAsync(ParseResult result, IAnsiConsole console, CancellationToken cancellation)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var address in result.GetValue(Gateway)!)
        {
            endpoints.Add(await ResolveAsync(address, cancellation));
        }

        var tls = result.GetValue(TlsCertificate) is { } pfx
            ? TlsSettings.Load(pfx, Password(result), result.GetValue(TlsTrust) ?? [], result.GetValue(TlsAuthority))
            : null;
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        host.Logging.ClearProviders();
        host.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoints.ToArray());
            client.UseHeteroOrleans(tls);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = result.GetValue(ClusterId)!;
                o.ServiceId = result.GetValue(ServiceId)!;
            });
        });
        var app = host.Build();
        var named = string.Join(", ", endpoints);
        console.MarkupLine($"Connecting to gateway {named} …");
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        connectTimeout.CancelAfter(ConnectTimeout);
        try
        {
            await app.StartAsync(connectTimeout.Token);
            return app;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            app.Dispose();

            // Something listening that would not take the client is most often a silo of another cluster.
            var listening = await ListeningAsync(endpoints);
            throw new TimeoutException(listening.Count > 0
                ? $"Gateway {string.Join(", ", listening)} answers, but no silo there took this client within {ConnectTimeout.TotalSeconds:F0} s: " +
                  (tls is null
                      ? $"is it a silo of cluster '{result.GetValue(ClusterId)}', service '{result.GetValue(ServiceId)}' (--cluster-id, --service-id), without TLS (--tls-cert)?"
                      : $"does the cluster trust this client's certificate ({tls.Certificate.Subject}, thumbprint {tls.Certificate.Thumbprint}, --tls-cert " +
                        $"{result.GetValue(TlsCertificate)}{(tls.Authority is null ? "" : $", and does its authority sign the silos' certificates, --tls-ca {result.GetValue(TlsAuthority)}")}), " +
                        $"and is it a silo of cluster '{result.GetValue(ClusterId)}', service '{result.GetValue(ServiceId)}' (--cluster-id, --service-id)?")
                : $"No silo answered at gateway {named} within {ConnectTimeout.TotalSeconds:F0} s. Is a silo running there?");
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    private static async Task<IReadOnlyList<IPEndPoint>> ListeningAsync(IEnumerable<IPEndPoint> endpoints)
    {
        var listening = new List<IPEndPoint>();
        foreach (var endpoint in endpoints)
        {
            if (await TcpProbe.AcceptsAsync(endpoint, TimeSpan.FromSeconds(1)))
            {
                listening.Add(endpoint);
            }
        }

        return listening;
    }

    private static async Task<IPEndPoint> ResolveAsync(string gateway, CancellationToken cancellation)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException($"--gateway '{gateway}' is not HOST:PORT.");
        }

        var host = gateway[..colon];
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellation);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ArgumentException($"--gateway '{gateway}': host '{host}' does not resolve ({e.Message}).");
        }

        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], port)
            : throw new ArgumentException($"--gateway host '{host}' does not resolve.");
    }

    // The certificate's password: from --tls-password-file, else the environment, else none.
    private string? Password(ParseResult result) => result.GetValue(TlsPasswordFile) is { } file
        ? ReadSecret(file)
        : Environment.GetEnvironmentVariable(PasswordVariable);

    private static string ReadSecret(string file)
    {
        try
        {
            return SecretFiles.Read(file);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--tls-password-file: {e.Message}.");
        }
    }
}
