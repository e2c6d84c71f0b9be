using System.Text.Json.Nodes;
using Granary.Api.Protocol;

namespace Granary.Api.OpenApi.Requests;

/// <summary>The POST /v1/completions body as CompletionRequestReader accepts it (for /openapi.json; the reader does the parsing).</summary>
internal sealed record CompletionRequestBody : SamplingBody
{
    public required string Model { get; init; }

    [OneOf(typeof(string), typeof(string[]), typeof(int[]), typeof(int[][]))]
    public required JsonNode Prompt { get; init; }

    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public bool? Echo { get; init; }
    public int? Logprobs { get; init; }
    public int? PromptLogprobs { get; init; }
    public int? BestOf { get; init; }
    public bool? AddSpecialTokens { get; init; }
    public bool? ReturnTokensAsTokenIds { get; init; }
    public string? SessionId { get; init; }
    public ResponseFormatBody? ResponseFormat { get; init; }
    public JsonObject? StructuredOutputs { get; init; }
    public JsonObject? GuidedJson { get; init; }
    public string? GuidedRegex { get; init; }
    public string[]? GuidedChoice { get; init; }
    public string? GuidedDecodingBackend { get; init; }
}
