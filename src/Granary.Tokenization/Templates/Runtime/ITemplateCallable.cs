using Granary.Tokenization.Templates.Rendering;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>A value a template can call: macros, globals such as <c>range</c>, bound methods, <c>loop.cycle</c>.</summary>
internal interface ITemplateCallable
{
    object? Invoke(CallArguments arguments, RenderContext context);
}
