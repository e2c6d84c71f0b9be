namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>if</c> / <c>elif</c> / <c>else</c>; no new scope, as in Jinja.</summary>
internal sealed class IfNode(int line, IfBranch[] branches, Node[] elseBody) : Node(line)
{
    public IfBranch[] Branches => branches;

    public Node[] ElseBody => elseBody;
}
