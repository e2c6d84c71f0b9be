namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% macro name(params) %}</c>: binds a callable macro in the current scope.</summary>
internal sealed class MacroNode(int line, MacroDefinition definition) : Node(line)
{
    public MacroDefinition Definition => definition;
}
