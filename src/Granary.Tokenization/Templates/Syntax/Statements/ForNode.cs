using Granary.Tokenization.Templates.Syntax.Expressions;
using Granary.Tokenization.Templates.Syntax.Targets;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>for target in iterable [if filter]</c> body <c>[else]</c> elseBody.</summary>
internal sealed class ForNode(int line, AssignTarget target, Expression iterable, Expression? filter, Node[] body, Node[] elseBody) : Node(line)
{
    public AssignTarget Target => target;

    public Expression Iterable => iterable;

    public Expression? Filter => filter;

    public Node[] Body => body;

    public Node[] ElseBody => elseBody;
}
