namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>and</c> / <c>or</c>, which short-circuit and return an operand as Python does.</summary>
internal sealed class LogicalExpression(int line, bool isAnd, Expression left, Expression right) : Expression(line)
{
    public bool IsAnd => isAnd;

    public Expression Left => left;

    public Expression Right => right;
}
