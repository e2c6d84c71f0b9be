using Granary.Engine.Abstractions;
using Granary.Grpc.V1;

namespace Granary.Grpc.Mapping;

/// <summary>
/// <see cref="SamplingParameters"/> to the engine's <see cref="SamplingParams"/>, with the HTTP API's
/// NIM defaults for what is unset, so that both front ends sample alike.
/// </summary>
internal static class SamplingMapper
{
    // NIM's documented defaults (not OpenAI's 1.0, 1.0, 16): what NIM clients expect.
    public const double DefaultTemperature = 0.2;
    public const double DefaultTopP = 0.7;
    public const int DefaultMaxTokens = 1024;

    /// <param name="sampling">Validated by <see cref="Validation.SamplingValidator"/>; null means all defaults.</param>
    /// <param name="promptLogprobs">Top alternatives per prompt token, or null for none.</param>
    public static SamplingParams ToSamplingParams(SamplingParameters? sampling, int? promptLogprobs)
    {
        var s = sampling ?? new SamplingParameters();
        return new SamplingParams
        {
            N = s.HasN ? s.N : 1,
            Temperature = s.HasTemperature ? s.Temperature : DefaultTemperature,
            TopP = s.HasTopP ? s.TopP : DefaultTopP,
            // -1 means off on the wire, as in vLLM; the engine spells off as 0.
            TopK = s.HasTopK && s.TopK > 0 ? s.TopK : 0,
            MinP = s.HasMinP ? s.MinP : 0,
            PresencePenalty = s.HasPresencePenalty ? s.PresencePenalty : 0,
            FrequencyPenalty = s.HasFrequencyPenalty ? s.FrequencyPenalty : 0,
            RepetitionPenalty = s.HasRepetitionPenalty ? s.RepetitionPenalty : 1.0,
            Seed = s.HasSeed ? s.Seed : null,
            MaxTokens = s.HasMaxTokens ? s.MaxTokens : DefaultMaxTokens,
            MaxTokensExplicit = s.HasMaxTokens,
            MinTokens = s.HasMinTokens ? s.MinTokens : 0,
            // An empty stop string would end every choice at once; clients that send "" mean "no stop".
            Stop = s.Stop.Where(stop => stop.Length > 0).ToArray(),
            StopTokenIds = s.StopTokenIds.ToArray(),
            IgnoreEos = s.HasIgnoreEos && s.IgnoreEos,
            IncludeStopStringInOutput = s.HasIncludeStopStrInOutput && s.IncludeStopStrInOutput,
            SkipSpecialTokens = !s.HasSkipSpecialTokens || s.SkipSpecialTokens,
            SpacesBetweenSpecialTokens = !s.HasSpacesBetweenSpecialTokens || s.SpacesBetweenSpecialTokens,
            Logprobs = s.HasLogprobs ? s.Logprobs : null,
            PromptLogprobs = promptLogprobs,
            LogitBias = s.LogitBias.Count > 0 ? s.LogitBias.ToDictionary(pair => pair.Key, pair => pair.Value) : null,
        };
    }
}
