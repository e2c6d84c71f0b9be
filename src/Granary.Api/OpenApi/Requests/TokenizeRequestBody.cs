namespace Granary.Api.OpenApi.Requests;

/// <summary>vLLM's POST /tokenize body: a prompt, or messages rendered with the chat template.</summary>
internal sealed record TokenizeRequestBody
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public IReadOnlyList<ChatMessageBody>? Messages { get; init; }
    public bool? AddSpecialTokens { get; init; }
    public bool? AddGenerationPrompt { get; init; }
    public bool? ContinueFinalMessage { get; init; }
    public IReadOnlyList<ToolBody>? Tools { get; init; }
    public string? ChatTemplate { get; init; }
    public System.Text.Json.Nodes.JsonObject? ChatTemplateKwargs { get; init; }
    public bool? ReturnTokenStrs { get; init; }
}
