using System.Text.Json.Nodes;
using Granary.Api.Protocol;

namespace Granary.Api.OpenApi.Requests;

/// <summary>The POST /v1/chat/completions body as ChatCompletionRequestReader accepts it (for /openapi.json).</summary>
internal sealed record ChatCompletionRequestBody : SamplingBody
{
    public required string Model { get; init; }
    public required IReadOnlyList<ChatMessageBody> Messages { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public IReadOnlyList<ToolBody>? Tools { get; init; }

    [OneOf(typeof(string), typeof(JsonObject))]
    public JsonNode? ToolChoice { get; init; }

    public bool? ParallelToolCalls { get; init; }
    public ResponseFormatBody? ResponseFormat { get; init; }
    public JsonObject? StructuredOutputs { get; init; }
    public JsonObject? GuidedJson { get; init; }
    public string? GuidedRegex { get; init; }
    public string[]? GuidedChoice { get; init; }
    public string? GuidedDecodingBackend { get; init; }
    public string? ChatTemplate { get; init; }
    public JsonObject? ChatTemplateKwargs { get; init; }
    public bool? AddGenerationPrompt { get; init; }
    public bool? ContinueFinalMessage { get; init; }
    public bool? Echo { get; init; }
    public bool? ReturnTokensAsTokenIds { get; init; }
    public string? SessionId { get; init; }
    public string? ReasoningEffort { get; init; }
    public JsonObject? Prediction { get; init; }
    public string? Verbosity { get; init; }
}
