namespace Granary.Tokenization.Decoders;

/// <summary>Turns token strings back into text (tokenizer.json "decoder"), as tokenizers' decode_chain.</summary>
internal interface IDecoder
{
    List<string> DecodeChain(List<string> tokens);

    /// <summary>
    /// The contribution of one token in the middle of a text (not first, not last), for
    /// <c>TokenBytes</c>. Effects that only exist at the text's edges (Strip) are left out.
    /// </summary>
    TokenPiece MapToken(TokenPiece piece);

    /// <summary>
    /// True when what this token decodes to can still change depending on the tokens after it
    /// (a byte-fallback token joins the byte run that follows), so a stream must hold it back.
    /// </summary>
    bool IsOpenEnded(string token);
}
