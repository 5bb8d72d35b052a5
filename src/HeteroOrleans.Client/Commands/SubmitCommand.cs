using HeteroOrleans.Hosting.Net;
using Microsoft.Extensions.Logging;
using System.CommandLine;
using System.Net;
using HeteroOrleans.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Spectre.Console;

namespace HeteroOrleans.Client.Commands;

/// <summary><c>hetero submit</c>: runs one job on a running cluster through one of its gateways.</summary>
public static class SubmitCommand
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var jobOptions = new JobCommandOptions();
        var gateway = new Option<string[]>("--gateway")
        {
            Description = "A silo gateway, HOST:PORT (the GatewayPort of a silo config); give several so that the client carries on when one dies",
            DefaultValueFactory = _ => ["127.0.0.1:30000"],
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Resume job JOB-ID (its results are kept): submit only its tasks without a result; give the same --data and --images",
        };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans cluster id", DefaultValueFactory = _ => "hetero" };
        var serviceId = new Option<string>("--service-id") { Description = "Orleans service id", DefaultValueFactory = _ => "hetero" };
        var tlsCertificate = new Option<string?>("--tls-cert") { Description = "Client certificate (.pfx) for a cluster that requires TLS" };
        var tlsPassword = new Option<string?>("--tls-password") { Description = "Password of --tls-cert" };
        var tlsTrust = new Option<string[]>("--tls-trust") { Description = "Thumbprints of the silos' certificates (default: the client certificate's own)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("submit", "Classify a data set on a running cluster");
        jobOptions.AddTo(command);
        Option[] own = [tlsCertificate, tlsPassword, tlsTrust, gateway, resume, clusterId, serviceId];
        own.ToList().ForEach(command.Options.Add);
        command.SetAction(async (result, cancellation) =>
        {
            var endpoints = new List<IPEndPoint>();
            foreach (var address in result.GetValue(gateway)!)
            {
                endpoints.Add(await ResolveAsync(address, cancellation));
            }

            var tls = result.GetValue(tlsCertificate) is { } pfx
                ? TlsSettings.Load(pfx, result.GetValue(tlsPassword), result.GetValue(tlsTrust) ?? [])
                : null;
            var data = jobOptions.LoadData(result, console);
            var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            host.Logging.ClearProviders();
            host.UseOrleansClient(client =>
            {
                client.UseStaticClustering(endpoints.ToArray());
                client.UseHeteroOrleans(tls);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = result.GetValue(clusterId)!;
                    o.ServiceId = result.GetValue(serviceId)!;
                });
            });
            using var app = host.Build();
            var named = string.Join(", ", endpoints);
            console.MarkupLine($"Connecting to gateway {named} …");
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                connectTimeout.CancelAfter(ConnectTimeout);
                try
                {
                    await app.StartAsync(connectTimeout.Token);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    // Something listening that would not take the client is most often a silo of another cluster.
                    var listening = await ListeningAsync(endpoints);
                    throw new TimeoutException(listening.Count > 0
                        ? $"Gateway {string.Join(", ", listening)} answers, but no silo there took this client within {ConnectTimeout.TotalSeconds:F0} s: " +
                          $"is it a silo of cluster '{result.GetValue(clusterId)}', service '{result.GetValue(serviceId)}' (--cluster-id, --service-id){(tls is null ? ", without TLS (--tls-cert)" : "")}?"
                        : $"No silo answered at gateway {named} within {ConnectTimeout.TotalSeconds:F0} s. Is a silo running there?");
                }
            }

            try
            {
                var grains = app.Services.GetRequiredService<IClusterClient>();
                return await JobSession.RunAsync(console, grains, data, jobOptions.Read(result), cancellation, result.GetValue(resume), jobOptions.Answers(result));
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        });
        return command;
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
}
