using Granary.Tokenization.Templates.Syntax.Expressions;
using Granary.Tokenization.Templates.Syntax.Targets;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% set target = value %}</c>.</summary>
internal sealed class SetNode(int line, AssignTarget target, Expression value) : Node(line)
{
    public AssignTarget Target => target;

    public Expression Value => value;
}
