namespace Granary.Tokenization.Decoders;

/// <summary>tokenizers' BPEDecoder: the end-of-word suffix becomes a space (nothing after the last token).</summary>
internal sealed class BpeSuffixDecoder(string suffix) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) =>
        tokens.Select((token, i) => token.Replace(suffix, i == tokens.Count - 1 ? string.Empty : " ", StringComparison.Ordinal)).ToList();

    public TokenPiece MapToken(TokenPiece piece) =>
        piece.IsBytes ? piece : TokenPiece.FromText(piece.Text!.Replace(suffix, " ", StringComparison.Ordinal));

    public bool IsOpenEnded(string token) => false;
}
