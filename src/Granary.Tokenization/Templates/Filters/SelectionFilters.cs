using Granary.Tokenization.Templates.JinjaTests;
using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>
/// Jinja's higher-order filters: map (filter name or attribute=), select/reject, selectattr/rejectattr. Like
/// Jinja's they return lazy generators, and a falsy input (None, 0, Undefined) simply yields nothing.
/// </summary>
internal static class SelectionFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["map"] = (c, v, a) => PyIterator.Generator("sync_do_map", Map(c, v, a));
        filters["select"] = (c, v, a) => PyIterator.Generator("select_or_reject", Select(c, v, a, byAttribute: false, keep: true));
        filters["reject"] = (c, v, a) => PyIterator.Generator("select_or_reject", Select(c, v, a, byAttribute: false, keep: false));
        filters["selectattr"] = (c, v, a) => PyIterator.Generator("select_or_reject", Select(c, v, a, byAttribute: true, keep: true));
        filters["rejectattr"] = (c, v, a) => PyIterator.Generator("select_or_reject", Select(c, v, a, byAttribute: true, keep: false));
    }

    private static IEnumerable<object?> Map(RenderContext context, object? value, CallArguments arguments)
    {
        if (!PyTypes.IsTruthy(value))
            yield break;
        var transform = PrepareMap(context, arguments);
        foreach (var item in PyIteration.Iterate(value))
            yield return transform(item);
    }

    private static Func<object?, object?> PrepareMap(RenderContext context, CallArguments arguments)
    {
        if (arguments.Positional.Length == 0 && arguments.Named.Any(pair => pair.Key == "attribute"))
        {
            var bound = ArgumentBinder.Bind("map", arguments, "attribute", "default");
            return new AttributePath(bound.Get(0), bound.Get(1)).Get;
        }
        if (arguments.Positional.Length == 0)
            throw new ChatTemplateException("map requires a filter argument");
        var name = PyRepr.Str(arguments.Positional[0]);
        if (!FilterTable.TryGet(name, out var filter))
            throw new ChatTemplateException($"No filter named {PyRepr.Repr(name)}.");
        var rest = new CallArguments(arguments.Positional[1..], arguments.Named);
        return item => filter(context, item, rest);
    }

    private static IEnumerable<object?> Select(RenderContext context, object? value, CallArguments arguments, bool byAttribute, bool keep)
    {
        if (!PyTypes.IsTruthy(value))
            yield break;
        var (path, accept) = PrepareSelect(context, arguments, byAttribute);
        foreach (var item in PyIteration.Iterate(value))
        {
            if (accept(path is null ? item : path.Get(item)) == keep)
                yield return item;
        }
    }

    private static (AttributePath? Path, Func<object?, bool> Accept) PrepareSelect(RenderContext context, CallArguments arguments, bool byAttribute)
    {
        var positional = arguments.Positional;
        var offset = 0;
        AttributePath? path = null;
        if (byAttribute)
        {
            if (positional.Length == 0)
                throw new ChatTemplateException("Missing parameter for attribute name");
            path = new AttributePath(positional[0]);
            offset = 1;
        }
        if (positional.Length <= offset)
            return (path, PyTypes.IsTruthy);
        var name = PyRepr.Str(positional[offset]);
        if (!TestTable.TryGet(name, out var test))
            throw new ChatTemplateException($"No test named {PyRepr.Repr(name)}.");
        var rest = new CallArguments(positional[(offset + 1)..], arguments.Named);
        return (path, item => test(context, item, rest));
    }
}
