using Granary.Tokenization.Pipeline;

namespace Granary.Tokenization.Detokenization;

/// <summary>
/// Chooses the prompt tokens a stream starts from, like vLLM: the last few prompt tokens, so the
/// first generated token decodes as it would after the prompt (a SentencePiece "▁word" keeps its
/// space). A context whose decode has U+FFFD is shortened from the left.
/// </summary>
internal static class PromptContext
{
    private const int ContextTokens = 5;
    private const int ScannedIds = ContextTokens + 2;

    public static List<string> Select(TokenizerPipeline pipeline, IReadOnlyList<int> promptIds, bool skipSpecialTokens)
    {
        var tail = promptIds.Skip(Math.Max(0, promptIds.Count - ScannedIds));
        var tokens = pipeline.TokensForDecoding(tail, skipSpecialTokens);
        if (tokens.Count > ContextTokens)
        {
            tokens.RemoveRange(0, tokens.Count - ContextTokens);
        }

        while (tokens.Count > 0 && (pipeline.DecodeTokens(tokens).Contains('\uFFFD') || pipeline.IsOpenEnded(tokens[^1])))
        {
            tokens.RemoveAt(0);
        }

        return tokens;
    }
}
