using System.Net;
using System.Net.Sockets;
using Granary.Server.CommandLine;

namespace Granary.Server.Hosting;

/// <summary>
/// Refuses to start on ports another process holds, before anything starts. Orleans did not fail there: three
/// silos on one machine all reported 11111 and 30000 as theirs. Ports are never picked silently, because other
/// silos and clients find this one by them (--primary-silo, the membership table, the URL).
/// </summary>
internal static class PortCheck
{
    public static void EnsureFree(ServerOptions options)
    {
        var http = HttpAddress(options.Http.Host);
        Check(http, options.Http.Port, "--port");
        if (options.ServesApi && options.Http.GrpcPort > 0) Check(http, options.Http.GrpcPort, "--grpc-port");
        var cluster = options.Cluster;
        if (cluster.Kubernetes) return; // the pod owns its silo ports
        var silo = cluster.Kind == ClusteringKind.Localhost ? IPAddress.Loopback : IPAddress.Any;
        Check(silo, cluster.SiloPort, "--silo-port");
        Check(silo, cluster.GatewayPort, "--gateway-port");
    }

    private static IPAddress HttpAddress(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "0.0.0.0" or "*" or "+" => IPAddress.Any,
        _ => IPAddress.TryParse(host, out var address) ? address : IPAddress.Any, // Kestrel reports a bad --host itself
    };

    private static void Check(IPAddress address, int port, string flag)
    {
        var probe = new TcpListener(address, port) { ExclusiveAddressUse = true };
        try
        {
            probe.Start();
        }
        catch (SocketException error) when (error.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new InvalidOperationException(
                $"{flag} {port} is already in use on {address} (another granary on this machine?); give each process its own --port, --grpc-port, --silo-port and --gateway-port");
        }
        finally
        {
            probe.Stop();
        }
    }
}
