using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>
/// Builds the legacy completions logprobs lists token by token. text_offset counts characters (code
/// points, as Python does) of the returned text, continuing across a stream's chunks. An echoed prompt's
/// tokens are placed on the echoed text itself, so that a token the text omits (a BOS) is zero-width
/// instead of pushing every later offset past the text.
/// </summary>
internal sealed class CompletionLogprobsBuilder(int topCount, bool asTokenIds, int startOffset = 0)
{
    private readonly List<string> _tokens = [];
    private readonly List<double?> _tokenLogprobs = [];
    private readonly List<Dictionary<string, double>?> _topLogprobs = [];
    private readonly List<int> _textOffsets = [];

    /// <summary>Where the next token starts.</summary>
    public int Offset { get; private set; } = startOffset;

    /// <summary>A prompt token the model did not score (the first): null logprob, null alternatives.</summary>
    public void AddUnscored(int tokenId, string token) => Append(LogprobRendering.TokenText(tokenId, token, asTokenIds), null, null);

    public void Add(TokenLogprob logprob) => Append(
        LogprobRendering.TokenText(logprob.TokenId, logprob.Token, asTokenIds),
        LogprobRendering.Clamp(logprob.Logprob),
        LogprobRendering.TopDictionary(logprob, topCount, asTokenIds));

    /// <summary>An echoed prompt: scored positions from the engine, the first from its decoded text.</summary>
    public void AddPrompt(PromptInfo prompt, string firstTokenText, string echoedText)
    {
        var start = Offset;
        var cursor = 0; // in UTF-16 units of echoedText
        var ids = prompt.TokenIds ?? [];
        for (var i = 0; i < ids.Length; i++)
        {
            var scored = prompt.Logprobs is { } logprobs && i < logprobs.Length ? logprobs[i] : null;
            var decoded = scored?.Token ?? (i == 0 ? firstTokenText : "");
            var at = Locate(echoedText, decoded, cursor);
            if (at >= 0) cursor = at;
            Offset = start + Runes(echoedText, cursor);
            if (scored is null)
            {
                AddUnscored(ids[i], decoded);
            }
            else
            {
                Add(scored);
            }

            if (at >= 0) cursor += decoded.Length;
        }

        Offset = start + Runes(echoedText, echoedText.Length);
    }

    /// <summary>
    /// Where a decoded token sits in the text, at the cursor or a few characters on (after the pieces of a
    /// character split over tokens); -1 for a token the text does not contain there (a special token).
    /// </summary>
    private static int Locate(string text, string token, int cursor)
    {
        if (token.Length == 0) return -1;
        var window = Math.Min(text.Length - cursor, token.Length + 4);
        return window < token.Length ? -1 : text.IndexOf(token, cursor, window, StringComparison.Ordinal);
    }

    private static int Runes(string text, int length) => text[..length].EnumerateRunes().Count();

    public CompletionLogprobs Build() => new(_tokens.ToArray(), _tokenLogprobs.ToArray(), _topLogprobs.ToArray(), _textOffsets.ToArray());

    private void Append(string token, double? logprob, Dictionary<string, double>? top)
    {
        _tokens.Add(token);
        _tokenLogprobs.Add(logprob);
        _topLogprobs.Add(top);
        _textOffsets.Add(Offset);
        Offset += token.EnumerateRunes().Count(); // an echoed prompt sets its own offsets over this
    }
}
