using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Rendering;

/// <summary>The state of one render: the evaluator, the statement renderer and the clock for <c>strftime_now</c>.</summary>
internal sealed class RenderContext
{
    public RenderContext(Func<DateTime> clock)
    {
        Clock = clock;
        Evaluator = new ExpressionEvaluator(this);
        Renderer = new TemplateRenderer(this);
    }

    public Func<DateTime> Clock { get; }

    public ExpressionEvaluator Evaluator { get; }

    public TemplateRenderer Renderer { get; }

    /// <summary>Calls a template value; calling Undefined raises its undefined error, as in Jinja.</summary>
    public object? Call(object? callee, CallArguments arguments) => callee switch
    {
        ITemplateCallable callable => callable.Invoke(arguments, this),
        Undefined undefined => throw undefined.Fail(),
        _ => throw new ChatTemplateException($"'{PyTypes.TypeName(callee)}' object is not callable"),
    };
}
