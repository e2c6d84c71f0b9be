using Granary.Tokenization.Normalizers;
using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.Decoders;

/// <summary>Replaces pattern matches in each token (e.g. "▁" → " ").</summary>
internal sealed class ReplaceDecoder(ISplitPattern pattern, string content) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) =>
        tokens.Select(token => ReplaceNormalizer.ReplaceAll(pattern, content, token)).ToList();

    public TokenPiece MapToken(TokenPiece piece) =>
        piece.IsBytes ? piece : TokenPiece.FromText(ReplaceNormalizer.ReplaceAll(pattern, content, piece.Text!));

    public bool IsOpenEnded(string token) => false;
}
