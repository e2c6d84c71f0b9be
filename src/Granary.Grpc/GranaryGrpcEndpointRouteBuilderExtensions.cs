using Granary.Grpc.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Granary.Grpc;

/// <summary>Maps granary.v1.InferenceService, grpc.health.v1.Health and grpc.reflection; see <see cref="GranaryGrpcServiceCollectionExtensions.AddGranaryGrpc"/>.</summary>
public static class GranaryGrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// gRPC needs HTTP/2. Without TLS, Kestrel speaks HTTP/1.1 only on an endpoint that allows both, so
    /// cleartext gRPC needs an endpoint of its own with <c>Protocols = HttpProtocols.Http2</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapGranaryGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<InferenceGrpcService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
