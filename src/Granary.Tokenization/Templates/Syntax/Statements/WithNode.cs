namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% with a = 1 %}body{% endwith %}</c>: values evaluated outside, bound in a new scope.</summary>
internal sealed class WithNode(int line, WithAssignment[] assignments, Node[] body) : Node(line)
{
    public WithAssignment[] Assignments => assignments;

    public Node[] Body => body;
}
