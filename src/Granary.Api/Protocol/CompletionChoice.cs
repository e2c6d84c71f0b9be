using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>One choice of a completion, whole or as a streamed delta.</summary>
internal sealed record CompletionChoice
{
    public required int Index { get; init; }
    public required string Text { get; init; }
    public CompletionLogprobs? Logprobs { get; init; }
    public string? FinishReason { get; init; }
    public StopReasonValue? StopReason { get; init; }

    /// <summary>vLLM's per-prompt-token candidates (keyed by token id); the first position has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Dictionary<string, PromptLogprobEntry>?>? PromptLogprobs { get; init; }
}
