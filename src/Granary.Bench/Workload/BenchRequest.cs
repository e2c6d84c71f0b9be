namespace Granary.Bench.Workload;

/// <summary>One request of a run: its prompt as token ids (and as text for chat) and the tokens to generate.</summary>
internal sealed record BenchRequest(int Index, int[] PromptTokenIds, int OutputTokens)
{
    /// <summary>The prompt as text, for endpoints that take text (chat); null for token-id prompts.</summary>
    public string? PromptText { get; init; }
}
