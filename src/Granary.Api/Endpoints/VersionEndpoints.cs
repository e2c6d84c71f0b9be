using System.Reflection;
using Granary.Api.Authentication;
using Granary.Api.OpenApi;
using Granary.Api.Protocol;
using Granary.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Granary.Api.Endpoints;

/// <summary>vLLM's /version and NIM's /v1/version (open, like vLLM's) and /v1/metadata (behind the key: it lists models).</summary>
internal static class VersionEndpoints
{
    /// <summary>The OpenAI-compatible API version NIM reports for this surface.</summary>
    private const string ApiVersion = "1.0.0";

    /// <summary>This build's version, with the commit it was built from when the build knew it.</summary>
    public static string Release { get; } =
        typeof(VersionEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static void MapOpen(IEndpointRouteBuilder open)
    {
        open.MapGet(ApiRoutes.VllmVersion, () => TypedResults.Json(new VllmVersionResponse(Release), ApiJson.Info<VllmVersionResponse>()))
            .Produces<VllmVersionResponse>();
        open.MapGet(ApiRoutes.NimVersion, () => TypedResults.Json(new NimVersionResponse(Release, ApiVersion), ApiJson.Info<NimVersionResponse>()))
            .Produces<NimVersionResponse>();
    }

    public static void MapKeyed(IEndpointRouteBuilder keyed) => keyed.MapGet(ApiRoutes.NimMetadata, MetadataAsync).Produces<NimMetadataResponse>().ProducesErrors(ErrorResponses.Keyed);

    private static async Task<IResult> MetadataAsync(HttpContext http, [FromServices] IInferenceClient client)
    {
        var grant = KeyAccess.Grant(http); // a key sees only the models it may use
        var models = await client.ListModelsAsync(http.RequestAborted);
        var info = models.Where(m => grant.MayUse(m.Id)).Select(m => new NimModelInfo(m.Id, m.Root.Length > 0 ? m.Root : m.Id)).ToArray();
        return TypedResults.Json(new NimMetadataResponse(Release, info), ApiJson.Info<NimMetadataResponse>());
    }
}
