using Granary.Api.Authentication;
using Granary.Api.OpenApi;
using Granary.Api.Protocol;
using Granary.Engine.Abstractions;
using Granary.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Granary.Api.Endpoints;

/// <summary>GET /v1/models and GET /v1/models/{id}.</summary>
internal static class ModelsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.Models, ListAsync).Produces<ModelList>().ProducesErrors(ErrorResponses.Keyed);
        api.MapGet(ApiRoutes.Model, GetAsync).Produces<ModelObject>().ProducesErrors([.. ErrorResponses.Keyed, StatusCodes.Status404NotFound]);
    }

    private static async Task<IResult> ListAsync(HttpContext http, [FromServices] IInferenceClient client, [FromServices] TimeProvider time)
    {
        // A key sees only the models it may use.
        var grant = KeyAccess.Grant(http);
        var cards = await client.ListModelsAsync(http.RequestAborted);
        var models = cards.Where(card => grant.MayUse(card.Id)).Select(card => Describe(card, time)).ToArray();
        return TypedResults.Json(new ModelList(models), ApiJson.Info<ModelList>());
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, string? id, [FromServices] IInferenceClient client, [FromServices] TimeProvider time)
    {
        // A trailing slash lists; clients that percent-encode the slashes of an id get them back.
        var modelId = Uri.UnescapeDataString(id ?? "");
        if (modelId.Length == 0)
        {
            return await ListAsync(http, client, time);
        }

        KeyAccess.CheckModel(http, modelId);
        var cards = await client.ListModelsAsync(http.RequestAborted);
        var card = cards.FirstOrDefault(c => c.Id == modelId)
            ?? throw new ModelNotFoundException(modelId, cards.Select(c => c.Id).ToArray());
        return TypedResults.Json(Describe(card, time), ApiJson.Info<ModelObject>());
    }

    /// <summary>A card without a creation time gets "now", as vLLM stamps its model list.</summary>
    private static ModelObject Describe(ModelCard card, TimeProvider time) =>
        ModelObject.From(card.Created > 0 ? card : card with { Created = time.GetUtcNow().ToUnixTimeSeconds() });
}
