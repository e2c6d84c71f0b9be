namespace Granary.Tokenization.Decoders;

internal sealed class SequenceDecoder(IReadOnlyList<IDecoder> decoders) : IDecoder
{
    public IReadOnlyList<IDecoder> Decoders { get; } = decoders;

    public List<string> DecodeChain(List<string> tokens)
    {
        foreach (var decoder in Decoders)
        {
            tokens = decoder.DecodeChain(tokens);
        }

        return tokens;
    }

    public TokenPiece MapToken(TokenPiece piece)
    {
        foreach (var decoder in Decoders)
        {
            piece = decoder.MapToken(piece);
        }

        return piece;
    }

    public bool IsOpenEnded(string token) => Decoders.Any(decoder => decoder.IsOpenEnded(token));
}
