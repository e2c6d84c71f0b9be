namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>a if condition else b</c>; without <c>else</c> a false condition gives Undefined.</summary>
internal sealed class ConditionalExpression(int line, Expression condition, Expression whenTrue, Expression? whenFalse) : Expression(line)
{
    public Expression Condition => condition;

    public Expression WhenTrue => whenTrue;

    public Expression? WhenFalse => whenFalse;
}
