using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>
/// The sampling and stopping fields chat and completions share, as the client sent them (null =
/// absent). Owns the mapping to the engine's <see cref="SamplingParams"/>, NIM defaults included.
/// </summary>
internal sealed record SamplingFields
{
    // NIM's documented defaults: they differ from OpenAI's (1.0, 1.0, 16) and are what NIM clients expect.
    public const double DefaultTemperature = 0.2;
    public const double DefaultTopP = 0.7;
    public const int DefaultMaxTokens = 1024;

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
        Temperature = Temperature ?? DefaultTemperature,
        TopP = TopP ?? DefaultTopP,
        TopK = TopK is null or < 0 ? 0 : TopK.Value,
        MinP = MinP ?? 0,
        PresencePenalty = PresencePenalty ?? 0,
        FrequencyPenalty = FrequencyPenalty ?? 0,
        RepetitionPenalty = RepetitionPenalty ?? 1.0,
        Seed = Seed,
        MaxTokens = MaxTokens ?? DefaultMaxTokens,
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
