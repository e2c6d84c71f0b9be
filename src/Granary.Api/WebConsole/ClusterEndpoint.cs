using Granary.Api.Authentication;
using Granary.Serving.Authentication;
using Granary.Api.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Granary.Api.WebConsole;

/// <summary>GET /v1/cluster: silos, models, replicas and recent requests, for the console's cluster view. Behind the API key.</summary>
internal static class ClusterEndpoint
{
    public static void Map(IEndpointRouteBuilder keyed) => keyed.MapGet(ApiRoutes.Cluster, GetAsync);

    private static async Task<IResult> GetAsync(HttpContext http, [FromServices] IClusterView cluster, [FromServices] RecentRequests log)
    {
        // A key limited to some models sees only those, as in /v1/models.
        var grant = KeyAccess.Grant(http);
        var snapshot = await cluster.SnapshotAsync(http.RequestAborted);
        var response = new ClusterResponse
        {
            Gateway = snapshot.Gateway,
            Silos = snapshot.Silos.Select(s => s with { Models = s.Models.Where(grant.MayUse).ToArray() }).ToArray(),
            Models = snapshot.Models.Where(m => grant.MayUse(m.Id)).Select(ClusterModel.From).ToArray(),
            Replicas = snapshot.Replicas.Where(r => grant.MayUse(r.Model)).Select(ClusterReplica.From).ToArray(),
            RecentRequests = log.Newest().Where(r => r.Model is null || grant.MayUse(r.Model)).ToArray(),
        };
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(response, ConsoleJsonContext.Default.ClusterResponse);
    }
}
