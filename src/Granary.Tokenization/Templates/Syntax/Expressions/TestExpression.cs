using Granary.Tokenization.Templates.JinjaTests;

namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>subject is [not] test(args)</c>.</summary>
internal sealed class TestExpression(int line, Expression subject, TestFunction test, Expression[] positional, NamedArgument[] named, bool negated) : Expression(line)
{
    public Expression Subject => subject;

    public TestFunction Test => test;

    public Expression[] Positional => positional;

    public NamedArgument[] Named => named;

    public bool Negated => negated;
}
