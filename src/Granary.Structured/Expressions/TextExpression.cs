using Granary.Structured.Text;

namespace Granary.Structured.Expressions;

/// <summary>Text of a code point automaton, written as raw UTF-8 or as the inside of a JSON string.</summary>
internal sealed class TextExpression(CharDfa text, TextEncoding encoding) : GrammarExpression
{
    public CharDfa Text { get; } = text;

    public TextEncoding Encoding { get; } = encoding;
}
