using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>The read-only Python <c>dict</c> methods: items, keys, values, get, copy.</summary>
internal static class DictMethods
{
    public static readonly IReadOnlyDictionary<string, MethodFunction> Table = new Dictionary<string, MethodFunction>
    {
        ["items"] = (d, a) => NoArguments("items", a, Items((PyDict)d)),
        ["keys"] = (d, a) => NoArguments("keys", a, new List<object?>(((PyDict)d).Keys)),
        ["values"] = (d, a) => NoArguments("values", a, new List<object?>(((PyDict)d).Values)),
        ["get"] = Get,
        ["copy"] = (d, a) => NoArguments("copy", a, Copy((PyDict)d)),
    };

    /// <summary>The (key, value) tuples of a dict, in insertion order.</summary>
    public static List<object?> Items(PyDict dict)
    {
        var items = new List<object?>(dict.Count);
        foreach (var (key, value) in dict)
            items.Add(new object?[] { key, value });
        return items;
    }

    private static object NoArguments(string name, CallArguments arguments, object result)
    {
        ArgumentBinder.Bind(name, arguments);
        return result;
    }

    private static object? Get(object receiver, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("get", arguments, "key", "default");
        var key = bound.Required(0, "key");
        if (key is not null)
            PyKeyComparer.EnsureHashable(key);
        return ((PyDict)receiver).TryGetValue(key, out var value) ? value : bound.Get(1);
    }

    private static PyDict Copy(PyDict dict)
    {
        var copy = new PyDict(dict.Count);
        foreach (var (key, value) in dict)
            copy.Set(key, value);
        return copy;
    }
}
