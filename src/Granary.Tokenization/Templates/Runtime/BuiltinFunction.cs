using Granary.Tokenization.Templates.Rendering;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>A function implemented in C#, such as the globals <c>range</c> or <c>raise_exception</c>.</summary>
internal sealed class BuiltinFunction(string name, Func<CallArguments, RenderContext, object?> body) : ITemplateCallable
{
    public string Name => name;

    public object? Invoke(CallArguments arguments, RenderContext context) => body(arguments, context);

    public override string ToString() => $"<built-in function {name}>";
}
