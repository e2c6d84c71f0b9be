using Granary.Tokenization.PreTokenizers;

namespace Granary.Tokenization.Decoders;

/// <summary>
/// The replacement character becomes a space; in the first token it is dropped entirely unless
/// the prepend scheme is "never" (tokenizers' Metaspace decoder).
/// </summary>
internal sealed class MetaspaceDecoder(char replacement, PrependScheme prependScheme) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var dropInFirst = i == 0 && prependScheme != PrependScheme.Never;
            result.Add(dropInFirst
                ? tokens[i].Replace(replacement.ToString(), string.Empty, StringComparison.Ordinal)
                : tokens[i].Replace(replacement, ' '));
        }

        return result;
    }

    public TokenPiece MapToken(TokenPiece piece) =>
        piece.IsBytes ? piece : TokenPiece.FromText(piece.Text!.Replace(replacement, ' '));

    public bool IsOpenEnded(string token) => false;
}
