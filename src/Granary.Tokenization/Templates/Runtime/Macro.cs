using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Syntax.Statements;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>A macro value: its definition plus the scope it was defined in (macros are closures in Jinja).</summary>
internal sealed class Macro(MacroDefinition definition, Scope closure) : ITemplateCallable
{
    public MacroDefinition Definition => definition;

    public Scope Closure => closure;

    public object? Invoke(CallArguments arguments, RenderContext context) => context.Renderer.CallMacro(this, arguments);

    public override string ToString() => $"<Macro {PyRepr.Repr(definition.Name)}>";
}
