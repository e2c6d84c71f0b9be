using Granary.Grpc.V1;

namespace Granary.Grpc.Validation;

/// <summary>The HTTP API's ranges for the sampling fields, applied to <see cref="SamplingParameters"/>.</summary>
internal static class SamplingValidator
{
    // The HTTP API's bound: far above any sensible use, it caps the work one request can ask for.
    public const int MaxChoices = 128;
    public const int MaxLogprobs = 20;

    private const string Path = "sampling";

    public static void Validate(SamplingParameters? sampling)
    {
        if (sampling is null)
        {
            return;
        }

        Ranges.Check(sampling.HasN ? sampling.N : null, $"{Path}.n", 1, MaxChoices);
        Ranges.Check(sampling.HasTemperature ? sampling.Temperature : null, $"{Path}.temperature", 0, 2);
        // A non-empty nucleus: top_p lies in (0, 1], as vLLM and OpenAI require.
        Ranges.CheckAbove(sampling.HasTopP ? sampling.TopP : null, $"{Path}.top_p", 0, max: 1);
        Ranges.Check(sampling.HasTopK ? sampling.TopK : null, $"{Path}.top_k", -1);
        Ranges.Check(sampling.HasMinP ? sampling.MinP : null, $"{Path}.min_p", 0, 1);
        Ranges.Check(sampling.HasPresencePenalty ? sampling.PresencePenalty : null, $"{Path}.presence_penalty", -2, 2);
        Ranges.Check(sampling.HasFrequencyPenalty ? sampling.FrequencyPenalty : null, $"{Path}.frequency_penalty", -2, 2);
        Ranges.CheckAbove(sampling.HasRepetitionPenalty ? sampling.RepetitionPenalty : null, $"{Path}.repetition_penalty", 0);
        Ranges.Check(sampling.HasMaxTokens ? sampling.MaxTokens : null, $"{Path}.max_tokens", 1);
        Ranges.Check(sampling.HasMinTokens ? sampling.MinTokens : null, $"{Path}.min_tokens", 0, sampling.HasMaxTokens ? sampling.MaxTokens : int.MaxValue);
        Ranges.Check(sampling.HasLogprobs ? sampling.Logprobs : null, $"{Path}.logprobs", 0, MaxLogprobs);
        Ranges.CheckTokenIds(sampling.StopTokenIds, $"{Path}.stop_token_ids");
        foreach (var (tokenId, bias) in sampling.LogitBias)
        {
            Ranges.Check(tokenId, $"{Path}.logit_bias", 0);
            Ranges.Check(bias, $"{Path}.logit_bias[{tokenId}]", -100, 100);
        }
    }
}
