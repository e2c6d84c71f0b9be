using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Rendering;

/// <summary>
/// Binds call arguments to a macro's parameters in a fresh scope under its closure, as Jinja's
/// <c>Macro.__call__</c> does: positional then keyword arguments, defaults evaluated at call time (they may
/// use earlier parameters), missing ones Undefined, and <c>varargs</c>/<c>kwargs</c>/<c>caller</c> only when
/// the body uses them.
/// </summary>
internal static class MacroBinder
{
    public static Scope Bind(Macro macro, CallArguments arguments, RenderContext context)
    {
        var definition = macro.Definition;
        var parameters = definition.Parameters;
        var scope = new Scope(macro.Closure);
        var bound = new bool[parameters.Length];
        var positional = arguments.Positional;
        for (var i = 0; i < Math.Min(positional.Length, parameters.Length); i++)
        {
            scope.Set(parameters[i].Name, positional[i]);
            bound[i] = true;
        }
        if (positional.Length > parameters.Length && !definition.UsesVarargs)
            throw new ChatTemplateException($"macro '{definition.Name}' takes not more than {parameters.Length} argument(s)");

        object? caller = null;
        var kwargs = new PyDict();
        foreach (var (name, value) in arguments.Named)
        {
            var index = Array.FindIndex(parameters, p => p.Name == name);
            if (index >= 0)
            {
                if (bound[index])
                    throw new ChatTemplateException($"macro '{definition.Name}' got multiple values for argument '{name}'");
                scope.Set(name, value);
                bound[index] = true;
            }
            else if (name == "caller" && definition.UsesCaller)
            {
                caller = value;
            }
            else if (definition.UsesKwargs)
            {
                kwargs.Set(name, value);
            }
            else
            {
                throw new ChatTemplateException($"macro '{definition.Name}' takes no keyword argument '{name}'");
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (bound[i])
                continue;
            var fallback = parameters[i].Default;
            scope.Set(parameters[i].Name, fallback is null
                ? Undefined.WithHint($"parameter {PyRepr.Repr(parameters[i].Name)} was not provided")
                : context.Evaluator.Evaluate(fallback, scope));
        }
        if (definition.UsesVarargs)
            scope.Set("varargs", positional.Length > parameters.Length ? positional[parameters.Length..] : Array.Empty<object?>());
        if (definition.UsesKwargs)
            scope.Set("kwargs", kwargs);
        if (definition.UsesCaller)
            scope.Set("caller", caller ?? Undefined.WithHint("No caller defined"));
        return scope;
    }
}
