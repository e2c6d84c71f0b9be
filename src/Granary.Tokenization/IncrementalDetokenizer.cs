using System.Text;
using Granary.Tokenization.Detokenization;
using Granary.Tokenization.Pipeline;

namespace Granary.Tokenization;

/// <summary>
/// Streams generated tokens as text: each <see cref="Add"/> returns the new text, never half a
/// character; the deltas plus <see cref="Flush"/> add up to <c>Decode(generatedIds)</c> (after
/// the prompt, to what decoding prompt + generated adds to the prompt's text).
/// Not thread-safe: one instance per sequence.
/// </summary>
public sealed class IncrementalDetokenizer
{
    private readonly TokenizerPipeline _pipeline;
    private readonly bool _skipSpecialTokens;
    private readonly DecodeWindow _window;
    private readonly StringBuilder _text = new();

    internal IncrementalDetokenizer(TokenizerPipeline pipeline, IReadOnlyList<int> promptIds, bool skipSpecialTokens)
    {
        _pipeline = pipeline;
        _skipSpecialTokens = skipSpecialTokens;
        _window = new DecodeWindow(pipeline, PromptContext.Select(pipeline, promptIds, skipSpecialTokens));
    }

    /// <summary>All text returned so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Feeds one generated token id; returns the text it completes (possibly empty).</summary>
    public string Add(int tokenId)
    {
        var tokens = _pipeline.TokensForDecoding([tokenId], _skipSpecialTokens);
        if (tokens.Count == 0)
        {
            return string.Empty;
        }

        var delta = _window.Push(tokens[0]);
        _text.Append(delta);
        return delta;
    }

    /// <summary>Returns the text still held back (incomplete or invalid bytes, as a full decode shows them).</summary>
    public string Flush()
    {
        var delta = _window.Flush();
        _text.Append(delta);
        return delta;
    }
}
