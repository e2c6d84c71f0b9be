using Granary.Tokenization.Templates.Syntax.Expressions;
using Granary.Tokenization.Templates.Syntax.Targets;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% set target | filters %}body{% endset %}</c>: captures the rendered body.</summary>
internal sealed class SetBlockNode(int line, AssignTarget target, FilterCall[] filters, Node[] body) : Node(line)
{
    public AssignTarget Target => target;

    public FilterCall[] Filters => filters;

    public Node[] Body => body;
}
