namespace Granary.Engine.Abstractions;

/// <summary>
/// One step of a request's output stream: the first event carries <see cref="Prompt"/>; every other
/// event is a delta of choice <see cref="Choice"/>; a choice's last delta has <see cref="FinishReason"/>
/// and its exact <see cref="CompletionTokens"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.generation-event")]
public sealed record GenerationEvent
{
    [Id(0)] public int Choice { get; init; }
    [Id(1)] public string Text { get; init; } = "";
    [Id(2)] public int[] TokenIds { get; init; } = [];
    [Id(3)] public TokenLogprob[]? Logprobs { get; init; }
    [Id(4)] public FinishReason? FinishReason { get; init; }

    /// <summary>The stop string or stop token id that ended the choice, as vLLM reports it.</summary>
    [Id(5)] public string? StopReason { get; init; }

    /// <summary>The stop token id that ended the choice (vLLM reports it as stop_reason).</summary>
    [Id(8)] public int? StopTokenId { get; init; }

    [Id(6)] public int CompletionTokens { get; init; }
    [Id(7)] public PromptInfo? Prompt { get; init; }

    /// <summary>Tool call pieces parsed from this delta's tokens (their text is not in <see cref="Text"/>).</summary>
    [Id(9)] public ToolCallDelta[]? ToolCalls { get; init; }
}
