namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary>Literal template text, whitespace control already applied.</summary>
internal sealed class TextNode(int line, string text) : Node(line)
{
    public string Text => text;
}
