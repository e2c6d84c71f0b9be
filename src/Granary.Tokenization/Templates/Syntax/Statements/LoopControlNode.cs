namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> (jinja2.ext.loopcontrols).</summary>
internal sealed class LoopControlNode(int line, bool isBreak) : Node(line)
{
    public bool IsBreak => isBreak;
}
