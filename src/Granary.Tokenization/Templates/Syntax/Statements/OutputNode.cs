using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{{ expression }}</c> (or <c>{% print expression %}</c>).</summary>
internal sealed class OutputNode(int line, Expression value) : Node(line)
{
    public Expression Value => value;
}
