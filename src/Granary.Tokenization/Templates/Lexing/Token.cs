namespace Granary.Tokenization.Templates.Lexing;

/// <summary>One lexical token; <see cref="Value"/> holds the decoded value of string and number literals.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, object? Value = null)
{
    public bool IsOperator(string symbol) => Kind == TokenKind.Operator && Text == symbol;

    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    /// <summary>How the token reads in an error message, e.g. <c>'endfor'</c> or <c>end of statement block</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.EndOfTemplate => "end of template",
        TokenKind.Data => "template data",
        TokenKind.BlockBegin => "begin of statement block",
        TokenKind.VariableBegin => "begin of print statement",
        _ => $"'{Text}'",
    };
}
