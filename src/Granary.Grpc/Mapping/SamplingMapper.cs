using Granary.Engine.Abstractions;
using Granary.Grpc.V1;
using Granary.Serving.Requests;

namespace Granary.Grpc.Mapping;

/// <summary>
/// <see cref="SamplingParameters"/> to the serving layer's <see cref="SamplingFields"/> (unset: null),
/// which owns the defaults and the engine mapping, so that both front ends sample alike.
/// </summary>
internal static class SamplingMapper
{
    /// <param name="sampling">Validated by <see cref="Validation.SamplingValidator"/>; null means all defaults.</param>
    /// <param name="promptLogprobs">Top alternatives per prompt token, or null for none.</param>
    public static SamplingParams ToSamplingParams(SamplingParameters? sampling, int? promptLogprobs)
    {
        var s = sampling ?? new SamplingParameters();
        var fields = new SamplingFields
        {
            N = s.HasN ? s.N : null,
            Temperature = s.HasTemperature ? s.Temperature : null,
            TopP = s.HasTopP ? s.TopP : null,
            TopK = s.HasTopK ? s.TopK : null,
            MinP = s.HasMinP ? s.MinP : null,
            PresencePenalty = s.HasPresencePenalty ? s.PresencePenalty : null,
            FrequencyPenalty = s.HasFrequencyPenalty ? s.FrequencyPenalty : null,
            RepetitionPenalty = s.HasRepetitionPenalty ? s.RepetitionPenalty : null,
            Seed = s.HasSeed ? s.Seed : null,
            MaxTokens = s.HasMaxTokens ? s.MaxTokens : null,
            MinTokens = s.HasMinTokens ? s.MinTokens : null,
            // An empty stop string would end every choice at once; clients that send "" mean "no stop".
            Stop = s.Stop.Where(stop => stop.Length > 0).ToArray(),
            StopTokenIds = s.StopTokenIds.ToArray(),
            IgnoreEos = s.HasIgnoreEos ? s.IgnoreEos : null,
            IncludeStopStrInOutput = s.HasIncludeStopStrInOutput ? s.IncludeStopStrInOutput : null,
            SkipSpecialTokens = s.HasSkipSpecialTokens ? s.SkipSpecialTokens : null,
            SpacesBetweenSpecialTokens = s.HasSpacesBetweenSpecialTokens ? s.SpacesBetweenSpecialTokens : null,
            LogitBias = s.LogitBias.Count > 0 ? s.LogitBias.ToDictionary(pair => pair.Key, pair => pair.Value) : null,
        };
        return fields.ToSamplingParams(s.HasLogprobs ? s.Logprobs : null, promptLogprobs);
    }
}
