using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Syntax.Statements;

/// <summary><c>{% call(args) macro(...) %}body{% endcall %}</c>: calls the macro with the body as <c>caller</c>.</summary>
internal sealed class CallBlockNode(int line, CallExpression call, MacroDefinition caller) : Node(line)
{
    public CallExpression Call => call;

    public MacroDefinition Caller => caller;
}
