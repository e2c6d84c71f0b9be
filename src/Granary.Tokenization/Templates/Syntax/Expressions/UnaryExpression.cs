namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>-x</c>, <c>+x</c>, <c>not x</c>.</summary>
internal sealed class UnaryExpression(int line, UnaryOperator op, Expression operand) : Expression(line)
{
    public UnaryOperator Operator => op;

    public Expression Operand => operand;
}
