namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>The <c>start:stop:step</c> inside a subscript; each part is optional.</summary>
internal sealed class SliceExpression(int line, Expression? start, Expression? stop, Expression? step) : Expression(line)
{
    public Expression? Start => start;

    public Expression? Stop => stop;

    public Expression? Step => step;
}
