using System.Net;
using System.Net.Sockets;
using Granary.Server.Clustering;
using Granary.Server.CommandLine;
using Orleans.Configuration;

namespace Granary.Server.Hosting;

/// <summary>Membership and endpoints: how this silo joins the others.</summary>
internal static class ClusteringExtensions
{
    public static ISiloBuilder UseGranaryClustering(this ISiloBuilder silo, ServerOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        if (options.Kubernetes) silo.UseKubernetesHosting();
        switch (options.Clustering)
        {
            case ClusteringKind.Localhost:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, PrimaryEndpoint(options), options.ServiceId, options.ClusterId);
                return silo;
            case ClusteringKind.Redis:
                silo.UseRedisClustering(Connection(options));
                break;
            case ClusteringKind.AdoNet:
                silo.UseAdoNetClustering((AdoNetClusteringSiloOptions o) =>
                {
                    o.Invariant = options.AdoNetInvariant;
                    o.ConnectionString = Connection(options);
                });
                // Orleans' own failure on a missing schema or database is a stack-trace wall; check (or create) first.
                if (options.AdoNetInvariant == "Npgsql") silo.Services.AddHostedService<PostgresClusteringStartup>();
                break;
        }
        if (options.Kubernetes)
        {
            // Kubernetes hosting advertises the pod IP; the ports are still ours to choose.
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
            });
        }
        else
        {
            silo.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        return silo;
    }

    private static IPEndPoint? PrimaryEndpoint(ServerOptions options) =>
        options.PrimarySilo is { } primary ? IPEndPoint.Parse(primary.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) : null;

    private static string Connection(ServerOptions options) => options.ClusteringConnection
        ?? throw new FormatException($"--clustering {options.Clustering.ToString().ToLowerInvariant()} needs --clustering-connection");

    private static IPAddress AdvertisedAddress(ServerOptions options)
    {
        if (options.AdvertisedAddress is { } given) return IPAddress.Parse(given);
        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
    }
}
