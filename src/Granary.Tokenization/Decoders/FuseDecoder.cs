namespace Granary.Tokenization.Decoders;

/// <summary>Joins all tokens into one string.</summary>
internal sealed class FuseDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];

    public TokenPiece MapToken(TokenPiece piece) => piece;

    public bool IsOpenEnded(string token) => false;
}
