namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>callee(args, name=value)</c>.</summary>
internal sealed class CallExpression(int line, Expression callee, Expression[] positional, NamedArgument[] named) : Expression(line)
{
    public Expression Callee => callee;

    public Expression[] Positional => positional;

    public NamedArgument[] Named => named;
}
