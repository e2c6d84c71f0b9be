namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A list literal <c>[a, b]</c>.</summary>
internal sealed class ListExpression(int line, Expression[] items) : Expression(line)
{
    public Expression[] Items => items;
}
