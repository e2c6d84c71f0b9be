using Granary.Tokenization.Templates.Methods;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>Jinja's sequence filters: length/count, first, last, list, join, reverse, batch, slice, items, sum.</summary>
internal static class SequenceFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["length"] = (_, v, a) => Unary("length", a, (long)PyIteration.Length(v));
        filters["count"] = filters["length"];
        filters["first"] = (_, v, a) => Unary("first", a, First(v));
        filters["last"] = (_, v, a) => Unary("last", a, Last(v));
        filters["list"] = (_, v, a) => Unary("list", a, PyIteration.ToList(v));
        filters["join"] = Join;
        filters["reverse"] = (_, v, a) => Unary("reverse", a, Reverse(v));
        filters["batch"] = (_, v, a) => PyIterator.Generator("do_batch", Batch(v, a));
        filters["slice"] = (_, v, a) => PyIterator.Generator("sync_do_slice", Slice(v, a));
        filters["items"] = (_, v, a) => Unary("items", a, PyIterator.Generator("do_items", Items(v)));
        filters["sum"] = Sum;
    }

    private static object? Unary(string name, CallArguments arguments, object? result)
    {
        ArgumentBinder.Bind(name, arguments);
        return result;
    }

    private static object? First(object? value)
    {
        foreach (var item in PyIteration.Iterate(value))
            return item;
        return Undefined.WithHint("No first item, sequence was empty.");
    }

    private static object? Last(object? value)
    {
        if (value is PyIterator iterator)
            throw new ChatTemplateException($"'{iterator.TypeName}' object is not reversible");
        var items = PyIteration.AsReadOnlyList(value);
        return items.Count > 0 ? items[^1] : Undefined.WithHint("No last item, sequence was empty.");
    }

    private static object? Join(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("join", arguments, "d", "attribute");
        var separator = bound.Has(0) ? PyRepr.Str(bound.Get(0)) : "";
        var path = bound.Get(1) is { } attribute ? new AttributePath(attribute) : null;
        var parts = PyIteration.Iterate(value).Select(item => PyRepr.Str(path is null ? item : path.Get(item)));
        return string.Join(separator, parts);
    }

    /// <summary>A reversed string; Python's reverse iterator for a list, tuple or dict; a reversed list otherwise.</summary>
    private static object? Reverse(object? value)
    {
        switch (value)
        {
            case string text:
                return string.Concat(PyStrings.CodePoints(text).AsEnumerable().Reverse());
            case List<object?> list:
                return PyIterator.Reversed("list_reverseiterator", Enumerable.Range(0, list.Count).Select(i => list[list.Count - 1 - i]));
            case object?[] tuple:
                return PyIterator.Reversed("reversed", tuple.Reverse());
            case PyDict dict:
                return PyIterator.Reversed("dict_reversekeyiterator", dict.Keys.Reverse());
            case Undefined:
                return PyIterator.Reversed("reversed", []);
        }
        try
        {
            var items = PyIteration.ToList(value);
            items.Reverse();
            return items;
        }
        catch (ChatTemplateException error) when (error.Line is null)
        {
            throw new ChatTemplateException("argument must be iterable");
        }
    }

    private static IEnumerable<object?> Batch(object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("batch", arguments, "linecount", "fill_with");
        var size = bound.GetInt(0, 0, "linecount");
        if (size <= 0)
            throw new ChatTemplateException("batch() linecount must be positive");
        var fill = bound.Get(1);
        var current = new List<object?>();
        foreach (var item in PyIteration.Iterate(value))
        {
            if (current.Count == size)
            {
                yield return current;
                current = [];
            }
            current.Add(item);
        }
        if (current.Count > 0)
        {
            while (fill is not null && current.Count < size)
                current.Add(fill);
            yield return current;
        }
    }

    private static IEnumerable<object?> Slice(object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("slice", arguments, "slices", "fill_with");
        var slices = bound.GetInt(0, 0, "slices");
        if (slices <= 0)
            throw new ChatTemplateException("slice() slices must be positive");
        var fill = bound.Get(1);
        var items = PyIteration.ToList(value);
        var perSlice = items.Count / slices;
        var withExtra = items.Count % slices;
        var offset = 0L;
        for (var number = 0L; number < slices; number++)
        {
            var start = offset + (number * perSlice);
            if (number < withExtra)
                offset++;
            var end = offset + ((number + 1) * perSlice);
            var part = items.GetRange((int)start, (int)(end - start));
            if (fill is not null && number >= withExtra)
                part.Add(fill);
            yield return part;
        }
    }

    private static IEnumerable<object?> Items(object? value)
    {
        if (value is Undefined)
            yield break;
        if (value is not PyDict dict)
            throw new ChatTemplateException("Can only get item pairs from a mapping.");
        foreach (var pair in DictMethods.Items(dict))
            yield return pair;
    }

    private static object? Sum(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("sum", arguments, "attribute", "start");
        var path = bound.Get(0) is { } attribute ? new AttributePath(attribute) : null;
        var total = bound.Get(1, 0L);
        foreach (var item in PyIteration.Iterate(value))
            total = PyArithmetic.Add(total, path is null ? item : path.Get(item));
        return total;
    }
}
