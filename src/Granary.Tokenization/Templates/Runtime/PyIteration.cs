namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python's <c>iter()</c> and <c>len()</c> over template values.</summary>
internal static class PyIteration
{
    /// <summary>Iterates like Python: dicts yield keys, strings yield characters, Undefined yields nothing.</summary>
    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        object?[] tuple => tuple,
        PyDict dict => dict.Keys,
        string text => PyStrings.CodePoints(text),
        GroupTuple group => group.Items,
        PyIterator iterator => iterator.Consume(),
        Undefined => [],
        _ => throw new ChatTemplateException($"'{PyTypes.TypeName(value)}' object is not iterable"),
    };

    /// <summary>A fresh list of the items (<c>list(x)</c>).</summary>
    public static List<object?> ToList(object? value) => value switch
    {
        List<object?> list => new List<object?>(list),
        object?[] tuple => new List<object?>(tuple),
        _ => new List<object?>(Iterate(value)),
    };

    /// <summary>The items as a read-only list, without copying when the value already is one.</summary>
    public static IReadOnlyList<object?> AsReadOnlyList(object? value) => value switch
    {
        List<object?> list => list,
        object?[] tuple => tuple,
        _ => ToList(value),
    };

    public static int Length(object? value) =>
        TryGetLength(value, out var length) ? length : throw new ChatTemplateException($"object of type '{PyTypes.TypeName(value)}' has no len()");

    /// <summary>Python's <c>len()</c> where the value has one (iterators and scalars do not).</summary>
    public static bool TryGetLength(object? value, out int length)
    {
        length = value switch
        {
            string text => PyStrings.Length(text),
            List<object?> list => list.Count,
            object?[] tuple => tuple.Length,
            PyDict dict => dict.Count,
            GroupTuple => 2,
            Undefined => 0,
            _ => -1,
        };
        return length >= 0;
    }

    /// <summary>Python's <c>x in container</c>.</summary>
    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string text:
                if (item is string needle)
                    return text.Contains(needle, StringComparison.Ordinal);
                if (item is Undefined undefinedNeedle)
                    throw undefinedNeedle.Fail();
                throw new ChatTemplateException($"'in <string>' requires string as left operand, not {PyTypes.TypeName(item)}");
            case PyDict dict:
                return dict.ContainsKey(item);
            case List<object?> or object?[] or GroupTuple or PyIterator or Undefined:
                foreach (var element in Iterate(container))
                {
                    if (PyEquality.AreEqual(element, item))
                        return true;
                }
                return false;
            default:
                throw new ChatTemplateException($"argument of type '{PyTypes.TypeName(container)}' is not iterable");
        }
    }
}
