namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>An arithmetic operator or <c>~</c>.</summary>
internal sealed class BinaryExpression(int line, BinaryOperator op, Expression left, Expression right) : Expression(line)
{
    public BinaryOperator Operator => op;

    public Expression Left => left;

    public Expression Right => right;
}
