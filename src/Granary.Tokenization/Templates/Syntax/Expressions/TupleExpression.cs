namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A tuple literal <c>(a, b)</c> or a bare comma list <c>a, b</c>.</summary>
internal sealed class TupleExpression(int line, Expression[] items) : Expression(line)
{
    public Expression[] Items => items;
}
