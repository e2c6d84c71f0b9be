using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>The assistant's reply in a whole chat completion.</summary>
internal sealed record ChatResponseMessage
{
    public string Role => "assistant";
    public required string? Content { get; init; }
    public string? Refusal => null;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChatResponseToolCall>? ToolCalls { get; init; }

    /// <summary>vLLM's field for a reasoning model's thoughts; null until a reasoning parser exists.</summary>
    public string? ReasoningContent { get; init; }
}
