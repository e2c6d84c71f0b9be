namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>
/// A body rendered unchanged in its own scope: HF's <c>{% generation %}</c> tag, which Jinja compiles as a
/// call block (so assignments inside it stay inside).
/// </summary>
internal sealed class ScopedBlockNode(int line, Node[] body) : Node(line)
{
    public Node[] Body => body;
}
