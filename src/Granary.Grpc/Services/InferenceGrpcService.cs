using Granary.Grpc.Authentication;
using Granary.Grpc.Errors;
using Granary.Grpc.Mapping;
using Granary.Grpc.V1;
using Granary.Grpc.Validation;
using Granary.Serving;
using Grpc.Core;

namespace Granary.Grpc.Services;

/// <summary>granary.v1.InferenceService over <see cref="IInferenceClient"/>; errors are mapped by the interceptors.</summary>
internal sealed class InferenceGrpcService(IInferenceClient client, GenerationStreamer streamer) : InferenceService.InferenceServiceBase
{
    // The HTTP API's header, read here as metadata, for cache-affine routing.
    private const string SessionIdKey = "x-session-id";

    public override async Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        // A key sees only the models it may use.
        var grant = GrpcKeyAccess.Grant(context);
        var cards = await client.ListModelsAsync(context.CancellationToken);
        var response = new ListModelsResponse();
        response.Models.AddRange(cards.Where(card => grant.MayUse(card.Id)).Select(ResponseMapper.ToModel));
        return response;
    }

    public override Task Generate(GenerateRequest request, IServerStreamWriter<GenerateResponse> responseStream, ServerCallContext context)
    {
        GenerateRequestValidator.Validate(request);
        var generation = RequestMapper.ToGenerationRequest(request, $"cmpl-{Guid.NewGuid():N}");
        GrpcKeyAccess.AdmitGeneration(context, request.Model, generation);
        return streamer.StreamAsync(request.Model, generation, SessionId(request.SessionId, context), responseStream, context.CancellationToken);
    }

    public override Task Chat(ChatRequest request, IServerStreamWriter<GenerateResponse> responseStream, ServerCallContext context)
    {
        ChatRequestValidator.Validate(request);
        var generation = RequestMapper.ToGenerationRequest(request, $"chatcmpl-{Guid.NewGuid():N}");
        GrpcKeyAccess.AdmitGeneration(context, request.Model, generation);
        return streamer.StreamAsync(request.Model, generation, SessionId(request.SessionId, context), responseStream, context.CancellationToken);
    }

    public override async Task<TokenizeResponse> Tokenize(TokenizeRequest request, ServerCallContext context)
    {
        TokenizeRequestValidator.Validate(request);
        var model = await ResolveModelAsync(request.Model, context);
        GrpcKeyAccess.AdmitRequest(context, model);
        var result = await client.TokenizeAsync(model, RequestMapper.ToPromptInput(request), request.ReturnTokenStrings, context.CancellationToken);
        return ResponseMapper.ToTokenizeResponse(result);
    }

    public override async Task<DetokenizeResponse> Detokenize(DetokenizeRequest request, ServerCallContext context)
    {
        DetokenizeRequestValidator.Validate(request);
        var model = await ResolveModelAsync(request.Model, context);
        GrpcKeyAccess.AdmitRequest(context, model);
        var text = await client.DetokenizeAsync(model, request.Tokens.ToArray(), context.CancellationToken);
        return new DetokenizeResponse { Text = text };
    }

    /// <summary>As vLLM's utility endpoints: no model means the first served one the key may use.</summary>
    private async Task<string> ResolveModelAsync(string model, ServerCallContext context)
    {
        if (model.Length > 0)
        {
            return model;
        }

        var grant = GrpcKeyAccess.Grant(context);
        var models = (await client.ListModelsAsync(context.CancellationToken)).Where(m => grant.MayUse(m.Id)).ToArray();
        return models.Length > 0 ? models[0].Id : throw GrpcErrors.NoModelsServed();
    }

    private static string? SessionId(string fromRequest, ServerCallContext context)
    {
        if (fromRequest.Length > 0)
        {
            return fromRequest;
        }

        var fromMetadata = context.RequestHeaders.GetValue(SessionIdKey);
        return string.IsNullOrEmpty(fromMetadata) ? null : fromMetadata;
    }
}
