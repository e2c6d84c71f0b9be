using System.Net;
using Granary.Api;
using Granary.Server.CommandLine;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Granary.Server.Hosting;

/// <summary>
/// The HTTP API port, and a separate HTTP/2 port for gRPC: without TLS, Kestrel cannot tell an
/// HTTP/2 client from an HTTP/1.1 one on the same port (dotnet/aspnetcore#56984).
/// </summary>
internal static class KestrelEndpoints
{
    public static void Configure(KestrelServerOptions kestrel, ServerOptions options)
    {
        // Kestrel's own parse errors (GET /v1/models/%00) get the OpenAI envelope on the HTTP port.
        Listen(kestrel, options.Http.Host, options.Http.Port, l => l.UseGranaryApiErrors().Protocols = HttpProtocols.Http1);
        if (options.ServesApi && options.Http.GrpcPort > 0) Listen(kestrel, options.Http.Host, options.Http.GrpcPort, l => l.Protocols = HttpProtocols.Http2);
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions> configure)
    {
        switch (host)
        {
            case "localhost":
                kestrel.ListenLocalhost(port, configure);
                break;
            case "0.0.0.0" or "*" or "+":
                kestrel.ListenAnyIP(port, configure);
                break;
            default:
                kestrel.Listen(IPAddress.TryParse(host, out var address)
                    ? address
                    : throw new FormatException($"--host must be localhost, 0.0.0.0 or an IP address, not '{host}'"), port, configure);
                break;
        }
    }
}
