using Granary.Api.Authentication;
using Granary.Api.Errors;
using Granary.Api.OpenApi;
using Granary.Api.OpenApi.Requests;
using Granary.Api.Protocol;
using Granary.Api.Validation;
using Granary.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Granary.Api.Endpoints;

/// <summary>vLLM's POST /tokenize and POST /detokenize.</summary>
internal static class TokenizerEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost(ApiRoutes.Tokenize, TokenizeAsync)
            .WithMetadata(new RequestBody(typeof(TokenizeRequestBody)))
            .Produces<TokenizeResponse>()
            .ProducesErrors(ErrorResponses.Generation);
        api.MapPost(ApiRoutes.Detokenize, DetokenizeAsync)
            .WithMetadata(new RequestBody(typeof(DetokenizeRequestBody)))
            .Produces<DetokenizeResponse>()
            .ProducesErrors(ErrorResponses.Generation);
    }

    private static async Task<IResult> TokenizeAsync(HttpContext http, [FromServices] IInferenceClient client)
    {
        var ct = http.RequestAborted;
        TokenizeRequest request;
        using (var body = await JsonBodyReader.ReadAsync(http.Request, client, ct))
        {
            request = TokenizeRequestReader.Read(body.RootElement);
        }

        var model = request.Model ?? await DefaultModelAsync(http, client, ct);
        KeyAccess.AdmitRequest(http, model);
        var result = await client.TokenizeAsync(model, request.Prompt, request.ReturnTokenStrs, ct);
        return TypedResults.Json(TokenizeResponse.From(result), ApiJson.Info<TokenizeResponse>());
    }

    private static async Task<IResult> DetokenizeAsync(HttpContext http, [FromServices] IInferenceClient client)
    {
        var ct = http.RequestAborted;
        DetokenizeRequest request;
        using (var body = await JsonBodyReader.ReadAsync(http.Request, client, ct))
        {
            request = DetokenizeRequestReader.Read(body.RootElement);
        }

        var model = request.Model ?? await DefaultModelAsync(http, client, ct);
        KeyAccess.AdmitRequest(http, model);
        var text = await client.DetokenizeAsync(model, request.Tokens, ct);
        return TypedResults.Json(new DetokenizeResponse(text), ApiJson.Info<DetokenizeResponse>());
    }

    /// <summary>vLLM lets these utility endpoints omit the model: the first served one the key may use is meant.</summary>
    private static async Task<string> DefaultModelAsync(HttpContext http, IInferenceClient client, CancellationToken ct)
    {
        var grant = KeyAccess.Grant(http);
        var models = (await client.ListModelsAsync(ct)).Where(m => grant.MayUse(m.Id)).ToArray();
        return models.Length > 0
            ? models[0].Id
            : throw new ApiException(StatusCodes.Status404NotFound, "No models are being served.", "model", "model_not_found");
    }
}
