using Granary.Tokenization.Pipeline;

namespace Granary.Tokenization.Detokenization;

/// <summary>
/// vLLM's incremental detokenization state: the token strings since <see cref="PrefixOffset"/>,
/// where [PrefixOffset, ReadOffset) is text already emitted that serves as context, so each step
/// decodes only a few tokens.
/// </summary>
internal sealed class DecodeWindow
{
    private const int CompactThreshold = 64;

    private readonly TokenizerPipeline _pipeline;
    private readonly List<string> _tokens;
    private string _prefixText;

    public DecodeWindow(TokenizerPipeline pipeline, List<string> context)
    {
        _pipeline = pipeline;
        _tokens = context;
        ReadOffset = context.Count;
        _prefixText = Decode(0, ReadOffset);
    }

    public int PrefixOffset { get; private set; }

    public int ReadOffset { get; private set; }

    /// <summary>Adds a token and returns the text that became final, or an empty string while it is held back.</summary>
    public string Push(string token)
    {
        _tokens.Add(token);
        if (_pipeline.IsOpenEnded(token))
        {
            return string.Empty;
        }

        var text = Decode(PrefixOffset, _tokens.Count);
        if (text.Length <= _prefixText.Length || EndsIncomplete(text))
        {
            return string.Empty;
        }

        return Advance(text);
    }

    /// <summary>Whatever is still held back, decoded as a full decode would.</summary>
    public string Flush()
    {
        var text = Decode(PrefixOffset, _tokens.Count);
        return text.Length <= _prefixText.Length ? string.Empty : Advance(text);
    }

    private string Advance(string text)
    {
        // vLLM slices by the prefix's length; the prefix always ends on a complete character.
        var delta = text[_prefixText.Length..];
        PrefixOffset = ReadOffset;
        ReadOffset = _tokens.Count;
        if (PrefixOffset > CompactThreshold)
        {
            _tokens.RemoveRange(0, PrefixOffset);
            ReadOffset -= PrefixOffset;
            PrefixOffset = 0;
        }

        _prefixText = Decode(PrefixOffset, ReadOffset);
        return delta;
    }

    // U+FFFD may be a character still missing bytes; a high surrogate would be half a character.
    private static bool EndsIncomplete(string text) => text[^1] == '\uFFFD' || char.IsHighSurrogate(text[^1]);

    private string Decode(int from, int to) => _pipeline.DecodeTokens(_tokens.GetRange(from, to - from));
}
