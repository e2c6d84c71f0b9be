namespace Granary.Tokenization.AddedTokens;

/// <summary>An entry of tokenizer.json "added_tokens" (or tokenizer_config.json "added_tokens_decoder").</summary>
internal sealed record AddedToken(int Id, string Content)
{
    /// <summary>Only matched when not inside a word.</summary>
    public bool SingleWord { get; init; }

    /// <summary>Swallows the whitespace before it.</summary>
    public bool LStrip { get; init; }

    /// <summary>Swallows the whitespace after it.</summary>
    public bool RStrip { get; init; }

    /// <summary>Matched in the normalized text rather than the raw text.</summary>
    public bool Normalized { get; init; }

    public bool Special { get; init; }
}
