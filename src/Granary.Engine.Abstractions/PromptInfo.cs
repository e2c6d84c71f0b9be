namespace Granary.Engine.Abstractions;

/// <summary>What the engine made of the prompt: sent once, before any generated text.</summary>
[GenerateSerializer, Immutable, Alias("granary.prompt-info")]
public sealed record PromptInfo
{
    [Id(0)] public required int TokenCount { get; init; }

    /// <summary>Tokens served from the prefix cache.</summary>
    [Id(1)] public int CachedTokenCount { get; init; }

    /// <summary>Only when the request asked for the prompt back (echo).</summary>
    [Id(2)] public int[]? TokenIds { get; init; }
    [Id(3)] public string? Text { get; init; }

    /// <summary>Per prompt token (the first has none), when prompt logprobs were asked for.</summary>
    [Id(4)] public TokenLogprob?[]? Logprobs { get; init; }
}
