namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>target.name</c>: an attribute, falling back to the item of that name (Jinja's getattr).</summary>
internal sealed class AttributeExpression(int line, Expression target, string name) : Expression(line)
{
    public Expression Target => target;

    public string Name => name;
}
