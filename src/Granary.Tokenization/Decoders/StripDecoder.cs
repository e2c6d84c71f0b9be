namespace Granary.Tokenization.Decoders;

/// <summary>Removes up to <c>start</c> leading and <c>stop</c> trailing occurrences of a character from each token.</summary>
internal sealed class StripDecoder(char content, int start, int stop) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => tokens.Select(Strip).ToList();

    public TokenPiece MapToken(TokenPiece piece) => piece;

    public bool IsOpenEnded(string token) => false;

    private string Strip(string token)
    {
        var from = 0;
        while (from < start && from < token.Length && token[from] == content)
        {
            from++;
        }

        var to = token.Length;
        var removed = 0;
        while (removed < stop && to > from && token[to - 1] == content)
        {
            to--;
            removed++;
        }

        return token[from..to];
    }
}
