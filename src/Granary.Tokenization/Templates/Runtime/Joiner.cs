using Granary.Tokenization.Templates.Rendering;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>The <c>joiner(sep)</c> global: returns "" the first time it is called, then the separator.</summary>
internal sealed class Joiner(string separator) : ITemplateCallable
{
    private bool _used;

    public object? Invoke(CallArguments arguments, RenderContext context)
    {
        if (_used)
            return separator;
        _used = true;
        return "";
    }
}
