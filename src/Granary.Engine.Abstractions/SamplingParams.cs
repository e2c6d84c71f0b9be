namespace Granary.Engine.Abstractions;

/// <summary>
/// How to pick tokens and when to stop, per request (OpenAI fields plus vLLM's extensions).
/// Temperature 0 means greedy. Logprobs are the model's log-softmax before any of these apply.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.sampling-params")]
public sealed record SamplingParams
{
    [Id(0)] public int N { get; init; } = 1;
    [Id(1)] public double Temperature { get; init; } = 1.0;
    [Id(2)] public double TopP { get; init; } = 1.0;

    /// <summary>0 (or -1 on the wire) turns top-k off.</summary>
    [Id(3)] public int TopK { get; init; }

    [Id(4)] public double MinP { get; init; }
    [Id(5)] public double PresencePenalty { get; init; }
    [Id(6)] public double FrequencyPenalty { get; init; }
    [Id(7)] public double RepetitionPenalty { get; init; } = 1.0;
    [Id(8)] public long? Seed { get; init; }
    [Id(9)] public int MaxTokens { get; init; } = 16;
    [Id(10)] public int MinTokens { get; init; }
    [Id(11)] public string[] Stop { get; init; } = [];
    [Id(12)] public int[] StopTokenIds { get; init; } = [];
    [Id(13)] public bool IgnoreEos { get; init; }
    [Id(14)] public bool IncludeStopStringInOutput { get; init; }
    [Id(15)] public bool SkipSpecialTokens { get; init; } = true;

    /// <summary>Top alternatives to return per generated token; null for none.</summary>
    [Id(16)] public int? Logprobs { get; init; }

    /// <summary>Top alternatives per prompt token (completions echo); null for none.</summary>
    [Id(17)] public int? PromptLogprobs { get; init; }

    [Id(18)] public Dictionary<int, double>? LogitBias { get; init; }

    /// <summary>Whether max_tokens was given; when not, the engine clamps the default to the context window.</summary>
    [Id(19)] public bool MaxTokensExplicit { get; init; }

    [Id(20)] public bool SpacesBetweenSpecialTokens { get; init; } = true;

    public bool IsGreedy => Temperature == 0;
}
