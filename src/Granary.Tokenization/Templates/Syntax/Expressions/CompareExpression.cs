namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A comparison chain <c>a &lt; b &lt;= c</c>, true when every link holds (Python semantics).</summary>
internal sealed class CompareExpression(int line, Expression first, ComparisonStep[] steps) : Expression(line)
{
    public Expression First => first;

    public ComparisonStep[] Steps => steps;
}
