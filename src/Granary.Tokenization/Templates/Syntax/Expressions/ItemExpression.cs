namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary><c>target[key]</c>: an item, falling back to the attribute of that name (Jinja's getitem).</summary>
internal sealed class ItemExpression(int line, Expression target, Expression key) : Expression(line)
{
    public Expression Target => target;

    public Expression Key => key;
}
