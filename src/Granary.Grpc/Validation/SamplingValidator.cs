using Granary.Grpc.V1;
using Granary.Serving.Requests;

namespace Granary.Grpc.Validation;

/// <summary>The serving layer's <see cref="SamplingRules"/>, applied to <see cref="SamplingParameters"/> with their field paths.</summary>
internal static class SamplingValidator
{
    private const string Path = "sampling";

    public static void Validate(SamplingParameters? sampling)
    {
        if (sampling is null)
        {
            return;
        }

        SamplingRules.N(sampling.HasN ? sampling.N : null, $"{Path}.n");
        SamplingRules.Temperature(sampling.HasTemperature ? sampling.Temperature : null, $"{Path}.temperature");
        SamplingRules.TopP(sampling.HasTopP ? sampling.TopP : null, $"{Path}.top_p");
        SamplingRules.TopK(sampling.HasTopK ? sampling.TopK : null, $"{Path}.top_k");
        SamplingRules.MinP(sampling.HasMinP ? sampling.MinP : null, $"{Path}.min_p");
        SamplingRules.Penalty(sampling.HasPresencePenalty ? sampling.PresencePenalty : null, $"{Path}.presence_penalty");
        SamplingRules.Penalty(sampling.HasFrequencyPenalty ? sampling.FrequencyPenalty : null, $"{Path}.frequency_penalty");
        SamplingRules.RepetitionPenalty(sampling.HasRepetitionPenalty ? sampling.RepetitionPenalty : null, $"{Path}.repetition_penalty");
        SamplingRules.MaxTokens(sampling.HasMaxTokens ? sampling.MaxTokens : null, $"{Path}.max_tokens");
        SamplingRules.MinTokens(sampling.HasMinTokens ? sampling.MinTokens : null, $"{Path}.min_tokens", sampling.HasMaxTokens ? sampling.MaxTokens : null);
        SamplingRules.Logprobs(sampling.HasLogprobs ? sampling.Logprobs : null, $"{Path}.logprobs");
        SamplingRules.LogprobVolume(sampling.HasN ? sampling.N : 1, sampling.HasMaxTokens ? sampling.MaxTokens : null,
            sampling.HasLogprobs ? sampling.Logprobs : null, $"{Path}.logprobs");
        Ranges.CheckTokenIds(sampling.StopTokenIds, $"{Path}.stop_token_ids");
        foreach (var (tokenId, bias) in sampling.LogitBias)
        {
            SamplingRules.LogitBiasToken(tokenId, $"{Path}.logit_bias");
            SamplingRules.LogitBias(bias, $"{Path}.logit_bias[{tokenId}]");
        }
    }
}
