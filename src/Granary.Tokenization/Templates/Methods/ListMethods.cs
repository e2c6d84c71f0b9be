using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>The non-mutating methods of Python lists and tuples: index, count (and list.copy).</summary>
internal static class ListMethods
{
    public static readonly IReadOnlyDictionary<string, MethodFunction> TupleTable = new Dictionary<string, MethodFunction>
    {
        ["index"] = Index,
        ["count"] = Count,
    };

    public static readonly IReadOnlyDictionary<string, MethodFunction> ListTable = new Dictionary<string, MethodFunction>
    {
        ["index"] = Index,
        ["count"] = Count,
        ["copy"] = (l, a) =>
        {
            ArgumentBinder.Bind("copy", a);
            return PyIteration.ToList(l);
        },
    };

    private static object? Index(object receiver, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("index", arguments, "value", "start", "stop");
        var items = PyIteration.AsReadOnlyList(receiver);
        var value = bound.Required(0, "value");
        var start = Normalize(bound.GetInt(1, 0, "start"), items.Count);
        var stop = Normalize(bound.GetInt(2, items.Count, "stop"), items.Count);
        for (var i = start; i < stop; i++)
        {
            if (PyEquality.AreEqual(items[(int)i], value))
                return i;
        }
        throw new ChatTemplateException($"{PyRepr.Repr(value)} is not in {(receiver is List<object?> ? "list" : "tuple")}");
    }

    private static object? Count(object receiver, CallArguments arguments)
    {
        var value = ArgumentBinder.Bind("count", arguments, "value").Required(0, "value");
        return (long)PyIteration.AsReadOnlyList(receiver).Count(item => PyEquality.AreEqual(item, value));
    }

    private static long Normalize(long index, int count)
    {
        if (index < 0)
            index = Math.Max(0, index + count);
        return Math.Min(index, count);
    }
}
