using System.Text;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Decoders;

/// <summary>Maps GPT-2 alphabet characters back to bytes and decodes all tokens as one UTF-8 string (lossy).</summary>
internal sealed class ByteLevelDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            bytes.AddRange(ByteLevelAlphabet.Decode(token));
        }

        return [Encoding.UTF8.GetString(bytes.ToArray())];
    }

    public TokenPiece MapToken(TokenPiece piece) =>
        piece.IsBytes ? piece : TokenPiece.FromBytes(ByteLevelAlphabet.Decode(piece.Text!));

    public bool IsOpenEnded(string token) => false;
}
