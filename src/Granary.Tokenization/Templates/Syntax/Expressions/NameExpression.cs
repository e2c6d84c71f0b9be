namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A variable reference.</summary>
internal sealed class NameExpression(int line, string name) : Expression(line)
{
    public string Name => name;
}
