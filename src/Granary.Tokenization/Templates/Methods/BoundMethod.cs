using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>A method looked up on a value (<c>text.strip</c>), ready to be called.</summary>
internal sealed class BoundMethod(object receiver, string name, MethodFunction function) : ITemplateCallable
{
    public object? Invoke(CallArguments arguments, RenderContext context) => function(receiver, arguments);

    public override string ToString() => $"<built-in method {name} of {PyTypes.TypeName(receiver)} object>";
}
