using Granary.Engine.Abstractions;

namespace Granary.Serving.Requests;

/// <summary>
/// The sampling and stopping fields every generation shares, as the client sent them (null = absent),
/// whichever front end read them. Owns the mapping to the engine's <see cref="SamplingParams"/>,
/// <see cref="NimDefaults"/> included, so that HTTP and gRPC sample alike.
/// </summary>
internal sealed record SamplingFields
{
    public int? N { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? RepetitionPenalty { get; init; }
    public long? Seed { get; init; }
    public int? MaxTokens { get; init; }
    public int? MinTokens { get; init; }
    public string[] Stop { get; init; } = [];
    public int[] StopTokenIds { get; init; } = [];
    public bool? IgnoreEos { get; init; }
    public bool? IncludeStopStrInOutput { get; init; }
    public bool? SkipSpecialTokens { get; init; }
    public bool? SpacesBetweenSpecialTokens { get; init; }
    public Dictionary<int, double>? LogitBias { get; init; }

    public int ChoiceCount => N ?? 1;

    /// <param name="logprobs">Top alternatives per generated token, or null for no logprobs.</param>
    /// <param name="promptLogprobs">Top alternatives per prompt token, or null for none.</param>
    public SamplingParams ToSamplingParams(int? logprobs, int? promptLogprobs) => new()
    {
        N = ChoiceCount,
        Temperature = Temperature ?? NimDefaults.Temperature,
        TopP = TopP ?? NimDefaults.TopP,
        TopK = TopK is null or < 0 ? 0 : TopK.Value,
        MinP = MinP ?? 0,
        PresencePenalty = PresencePenalty ?? 0,
        FrequencyPenalty = FrequencyPenalty ?? 0,
        RepetitionPenalty = RepetitionPenalty ?? 1.0,
        Seed = Seed,
        MaxTokens = MaxTokens ?? NimDefaults.MaxTokens,
        MaxTokensExplicit = MaxTokens is not null,
        MinTokens = MinTokens ?? 0,
        Stop = Stop,
        StopTokenIds = StopTokenIds,
        IgnoreEos = IgnoreEos ?? false,
        IncludeStopStringInOutput = IncludeStopStrInOutput ?? false,
        SkipSpecialTokens = SkipSpecialTokens ?? true,
        SpacesBetweenSpecialTokens = SpacesBetweenSpecialTokens ?? true,
        Logprobs = logprobs,
        PromptLogprobs = promptLogprobs,
        LogitBias = LogitBias,
    };
}
