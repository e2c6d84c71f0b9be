using System.Net;
using System.Net.Sockets;
using Granary.Server.Clustering;
using Granary.Server.CommandLine;
using Orleans.Configuration;

namespace Granary.Server.Hosting;

/// <summary>Membership and endpoints: how this silo joins the others.</summary>
internal static class ClusteringExtensions
{
    public static ISiloBuilder UseGranaryClustering(this ISiloBuilder silo, MembershipOptions cluster)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });

        if (cluster.Kubernetes) silo.UseKubernetesHosting();
        switch (cluster.Kind)
        {
            case ClusteringKind.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, PrimaryEndpoint(cluster), cluster.ServiceId, cluster.ClusterId);
                return silo;
            case ClusteringKind.Redis:
                silo.UseRedisClustering(cluster.Connection!); // validated: redis needs a connection
                break;
            case ClusteringKind.AdoNet:
                silo.UseAdoNetClustering((AdoNetClusteringSiloOptions o) =>
                {
                    o.Invariant = cluster.AdoNetInvariant;
                    o.ConnectionString = cluster.Connection;
                });
                // Orleans' own failure on a missing schema or database is a stack-trace wall; check (or create) first.
                if (cluster.AdoNetInvariant == "Npgsql") silo.Services.AddHostedService<PostgresClusteringStartup>();
                break;
        }
        if (cluster.Kubernetes)
        {
            // Kubernetes hosting advertises the pod IP; the ports are still ours to choose.
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = cluster.SiloPort;
                o.GatewayPort = cluster.GatewayPort;
            });
        }
        else
        {
            silo.ConfigureEndpoints(AdvertisedAddress(cluster), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        }
        return silo;
    }

    private static IPEndPoint? PrimaryEndpoint(MembershipOptions cluster) =>
        cluster.PrimarySilo is { } primary ? IPEndPoint.Parse(primary.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)) : null;

    private static IPAddress AdvertisedAddress(MembershipOptions cluster)
    {
        if (cluster.AdvertiseAddress is { } given) return IPAddress.Parse(given);
        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
    }
}
