namespace Granary.Tokenization.Templates.Syntax.Expressions;

/// <summary>A dict literal <c>{key: value}</c>.</summary>
internal sealed class DictExpression(int line, KeyValuePair<Expression, Expression>[] entries) : Expression(line)
{
    public KeyValuePair<Expression, Expression>[] Entries => entries;
}
