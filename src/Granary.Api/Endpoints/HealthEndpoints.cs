using Granary.Api.Protocol;
using Granary.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Granary.Api.Endpoints;

/// <summary>NIM's liveness and readiness probes and vLLM's /health; never behind the API key.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder open)
    {
        open.MapGet(ApiRoutes.Live, () => TypedResults.Json(new HealthResponse("Service is live."), ApiJson.Info<HealthResponse>()))
            .Produces<HealthResponse>();
        open.MapGet(ApiRoutes.Ready, ReadyAsync)
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        // vLLM answers 200 with an empty body while the server runs.
        open.MapGet(ApiRoutes.VllmHealth, () => Results.Ok()).Produces(StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, [FromServices] IInferenceClient client)
    {
        bool ready;
        try
        {
            ready = await client.IsReadyAsync(http.RequestAborted);
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A cluster that cannot even say whether it is ready is not ready.
            ready = false;
        }

        return ready
            ? TypedResults.Json(new HealthResponse("Service is ready."), ApiJson.Info<HealthResponse>())
            : TypedResults.Json(new HealthResponse("Service is not ready."), ApiJson.Info<HealthResponse>(), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
