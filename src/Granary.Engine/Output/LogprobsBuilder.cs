using Granary.Engine.Abstractions;
using Granary.Tokenization;

namespace Granary.Engine.Output;

/// <summary>Builds logprob records: each token as its decoded text and raw bytes, as vLLM reports them.</summary>
internal sealed class LogprobsBuilder(PretrainedTokenizer tokenizer)
{
    public TokenLogprob Build(int tokenId, float logprob, long[]? topIds, float[]? topLogprobs, int top)
    {
        var alternatives = topIds is null || topLogprobs is null
            ? []
            : Enumerable.Range(0, Math.Min(top, topIds.Length))
                .Select(i => new TopLogprob((int)topIds[i], Text((int)topIds[i]), Finite(topLogprobs[i]), tokenizer.TokenBytes((int)topIds[i])))
                .ToArray();
        return new TokenLogprob
        {
            TokenId = tokenId,
            Token = Text(tokenId),
            Logprob = Finite(logprob),
            Bytes = tokenizer.TokenBytes(tokenId),
            Top = alternatives,
        };
    }

    private string Text(int tokenId) => tokenizer.Decode([tokenId]);

    // JSON has no -Infinity; OpenAI and vLLM report impossible tokens as -9999.0.
    private static double Finite(float logprob) => float.IsNegativeInfinity(logprob) ? -9999.0 : logprob;
}
