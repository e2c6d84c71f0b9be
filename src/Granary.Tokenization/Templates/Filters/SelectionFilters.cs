using Granary.Tokenization.Templates.JinjaTests;
using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>Jinja's higher-order filters: map (filter name or attribute=), select/reject, selectattr/rejectattr.</summary>
internal static class SelectionFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["map"] = Map;
        filters["select"] = (c, v, a) => Select(c, v, a, byAttribute: false, keep: true);
        filters["reject"] = (c, v, a) => Select(c, v, a, byAttribute: false, keep: false);
        filters["selectattr"] = (c, v, a) => Select(c, v, a, byAttribute: true, keep: true);
        filters["rejectattr"] = (c, v, a) => Select(c, v, a, byAttribute: true, keep: false);
    }

    private static object? Map(RenderContext context, object? value, CallArguments arguments)
    {
        Func<object?, object?> transform;
        if (arguments.Positional.Length == 0 && arguments.Named.Any(pair => pair.Key == "attribute"))
        {
            var bound = ArgumentBinder.Bind("map", arguments, "attribute", "default");
            var path = new AttributePath(bound.Get(0), bound.Get(1));
            transform = path.Get;
        }
        else
        {
            if (arguments.Positional.Length == 0)
                throw new ChatTemplateException("map requires a filter argument");
            var name = PyRepr.Str(arguments.Positional[0]);
            if (!FilterTable.TryGet(name, out var filter))
                throw new ChatTemplateException($"No filter named {PyRepr.Repr(name)}.");
            var rest = new CallArguments(arguments.Positional[1..], arguments.Named);
            transform = item => filter(context, item, rest);
        }
        return PyIteration.Iterate(value).Select(transform).ToList();
    }

    private static object? Select(RenderContext context, object? value, CallArguments arguments, bool byAttribute, bool keep)
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
        Func<object?, bool> accept = PyTypes.IsTruthy;
        if (positional.Length > offset)
        {
            var name = PyRepr.Str(positional[offset]);
            if (!TestTable.TryGet(name, out var test))
                throw new ChatTemplateException($"No test named {PyRepr.Repr(name)}.");
            var rest = new CallArguments(positional[(offset + 1)..], arguments.Named);
            accept = item => test(context, item, rest);
        }
        var result = new List<object?>();
        foreach (var item in PyIteration.Iterate(value))
        {
            if (accept(path is null ? item : path.Get(item)) == keep)
                result.Add(item);
        }
        return result;
    }
}
