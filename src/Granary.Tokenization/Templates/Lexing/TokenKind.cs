namespace Granary.Tokenization.Templates.Lexing;

internal enum TokenKind
{
    /// <summary>Literal text between tags, whitespace control already applied.</summary>
    Data,
    BlockBegin,
    BlockEnd,
    VariableBegin,
    VariableEnd,
    Name,
    String,
    Integer,
    Float,
    /// <summary>Punctuation and operators; <see cref="Token.Text"/> holds the symbol.</summary>
    Operator,
    EndOfTemplate,
}
