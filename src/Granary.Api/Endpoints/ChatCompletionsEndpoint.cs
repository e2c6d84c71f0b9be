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

/// <summary>POST /v1/chat/completions, whole or streamed.</summary>
internal static class ChatCompletionsEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api.MapPost(ApiRoutes.ChatCompletions, HandleAsync)
        .WithMetadata(new RequestBody(typeof(ChatCompletionRequestBody)))
        .Produces<ChatCompletionResponse>()
        .WithMetadata(new StreamedAs(typeof(ChatCompletionChunk)))
        .ProducesErrors(ErrorResponses.Generation);

    private static async Task<IResult> HandleAsync(
        HttpContext http, [FromServices] IInferenceClient client, [FromServices] TimeProvider time, [FromServices] ILoggerFactory loggers,
        [FromServices] Images.ImageUrlFetcher images)
    {
        var ct = http.RequestAborted;
        ChatCompletionRequest request;
        using (var body = await JsonBodyReader.ReadAsync(http.Request, client, ct))
        {
            request = ChatCompletionRequestReader.Read(body.RootElement);
        }
        request = request with { Messages = await images.ResolveAsync(request.Messages, ct) };

        RequestTally.Describe(http, request.Model, request.Stream);

        var id = RequestIds.NewChatCompletion();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var sessionId = SessionIds.Resolve(request.SessionId, http.Request);
        GenerationRequest[] requests = [request.ToGenerationRequest(id)];
        KeyAccess.AdmitGeneration(http, request.Model, requests);
        await using var generation = await StartedGeneration.StartAsync(client, request.Model, requests, sessionId, ct);
        RequestTally.Count(http, generation);

        if (request.Stream)
        {
            var streamer = new ChatCompletionStreamer(request, id, created, new SseWriter(http.Response), loggers.CreateLogger<ChatCompletionStreamer>());
            await streamer.StreamAsync(generation, ct);
            return Results.Empty;
        }

        var choices = await generation.CollectAsync(request.Sampling.ChoiceCount, ct);

        var response = ChatResponseBuilder.Build(request, id, created, generation.Prompts, choices);
        return TypedResults.Json(response, ApiJson.Info<ChatCompletionResponse>());
    }
}
