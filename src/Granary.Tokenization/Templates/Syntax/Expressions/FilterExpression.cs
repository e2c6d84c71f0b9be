namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>subject | filter(args)</c>.</summary>
internal sealed class FilterExpression(int line, Expression subject, FilterCall filter) : Expression(line)
{
    public Expression Subject => subject;

    public FilterCall Filter => filter;
}
