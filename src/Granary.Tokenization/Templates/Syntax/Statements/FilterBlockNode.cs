using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% filter name(args) %}body{% endfilter %}</c>.</summary>
internal sealed class FilterBlockNode(int line, FilterCall[] filters, Node[] body) : Node(line)
{
    public FilterCall[] Filters => filters;

    public Node[] Body => body;
}
