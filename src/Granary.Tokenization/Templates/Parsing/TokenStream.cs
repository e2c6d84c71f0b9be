using Granary.Tokenization.Templates.Lexing;

namespace Granary.Tokenization.Templates.Parsing;

/// <summary>A cursor over the lexer's tokens with the expect/skip helpers of Jinja's <c>TokenStream</c>.</summary>
internal sealed class TokenStream(List<Token> tokens)
{
    private int _index;

    public Token Current => tokens[_index];

    public Token Look => _index + 1 < tokens.Count ? tokens[_index + 1] : tokens[^1];

    public bool AtEnd => Current.Kind == TokenKind.EndOfTemplate;

    public Token Next()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfTemplate)
            _index++;
        return token;
    }

    public bool SkipIfOperator(string symbol)
    {
        if (!Current.IsOperator(symbol))
            return false;
        _index++;
        return true;
    }

    public bool SkipIfName(string name)
    {
        if (!Current.IsName(name))
            return false;
        _index++;
        return true;
    }

    public Token Expect(TokenKind kind, string description)
    {
        if (Current.Kind != kind)
            throw Unexpected(description);
        return Next();
    }

    public Token ExpectOperator(string symbol)
    {
        if (!Current.IsOperator(symbol))
            throw Unexpected($"'{symbol}'");
        return Next();
    }

    public Token ExpectName(string name)
    {
        if (!Current.IsName(name))
            throw Unexpected($"'{name}'");
        return Next();
    }

    public ChatTemplateException Unexpected(string expected) =>
        new(Current.Line, $"expected {expected}, got {Current.Describe()}");
}
