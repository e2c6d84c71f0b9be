using Granary.Api.Authentication;
using Granary.Api.Generation;
using Granary.Api.OpenApi;
using Granary.Api.OpenApi.Requests;
using Granary.Api.Protocol;
using Granary.Api.Streaming;
using Granary.Api.Validation;
using Granary.Api.WebConsole;
using Granary.Engine.Abstractions;
using Granary.Serving;
using Granary.Serving.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Endpoints;

/// <summary>POST /v1/completions: one engine request per prompt, choices numbered prompt-major.</summary>
internal static class CompletionsEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api.MapPost(ApiRoutes.Completions, HandleAsync)
        .WithMetadata(new RequestBody(typeof(CompletionRequestBody)))
        .Produces<CompletionResponse>()
        .WithMetadata(new StreamedAs(typeof(CompletionChunk)))
        .ProducesErrors(ErrorResponses.Generation);

    private static async Task<IResult> HandleAsync(
        HttpContext http, [FromServices] IInferenceClient client, [FromServices] TimeProvider time, [FromServices] ILoggerFactory loggers)
    {
        var ct = http.RequestAborted;
        CompletionRequest request;
        using (var body = await JsonBodyReader.ReadAsync(http.Request, client, ct))
        {
            request = CompletionRequestReader.Read(body.RootElement);
        }

        RequestTally.Describe(http, request.Model, request.Stream);

        var id = RequestIds.NewCompletion();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var sessionId = SessionIds.Resolve(request.SessionId, http.Request);
        var requests = request.ToGenerationRequests(id);
        KeyAccess.AdmitGeneration(http, request.Model, requests);
        await using var generation = await StartedGeneration.StartAsync(client, request.Model, requests, sessionId, ct);
        RequestTally.Count(http, generation);
        var firstPromptTokens = await FirstPromptTokensAsync(client, request, generation.Prompts, ct);

        if (request.Stream)
        {
            var streamer = new CompletionStreamer(request, id, created, new SseWriter(http.Response), loggers.CreateLogger<CompletionStreamer>());
            await streamer.StreamAsync(generation, firstPromptTokens, ct);
            return Results.Empty;
        }

        var choices = await generation.CollectAsync(request.Sampling.ChoiceCount, ct);

        var response = CompletionResponseBuilder.Build(request, id, created, generation.Prompts, choices, firstPromptTokens);
        return TypedResults.Json(response, ApiJson.Info<CompletionResponse>());
    }

    /// <summary>
    /// The first prompt token has no logprob, so the engine sends no text for it; echoed logprobs still
    /// list it, decoded on its own as vLLM does. Only fetched when echo and logprobs are both asked for.
    /// </summary>
    private static async Task<string[]> FirstPromptTokensAsync(
        IInferenceClient client, CompletionRequest request, IReadOnlyList<PromptInfo> prompts, CancellationToken ct)
    {
        if (!request.Echo || request.Logprobs is null)
        {
            return Enumerable.Repeat("", prompts.Count).ToArray();
        }

        return await Task.WhenAll(prompts.Select(prompt => prompt.TokenIds is { Length: > 0 } ids
            ? client.DetokenizeAsync(request.Model, [ids[0]], ct)
            : Task.FromResult("")));
    }
}
