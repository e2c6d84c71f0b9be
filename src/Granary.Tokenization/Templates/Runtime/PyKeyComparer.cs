namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python hashing and equality for dict keys: equal numbers hash alike whatever their type.</summary>
internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    public static readonly PyKeyComparer Instance = new();

    private PyKeyComparer()
    {
    }

    public new bool Equals(object? x, object? y) => PyEquality.AreEqual(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        string s => StringComparer.Ordinal.GetHashCode(s),
        long l => l.GetHashCode(),
        bool b => (b ? 1L : 0L).GetHashCode(),
        double d => HashDouble(d),
        object?[] tuple => HashTuple(tuple),
        _ => obj.GetHashCode(),
    };

    /// <summary>Lists, dicts and namespaces are mutable in Python and cannot be keys.</summary>
    public static void EnsureHashable(object key)
    {
        if (key is List<object?> || key is PyDict || key is JinjaNamespace)
            throw new ChatTemplateException($"unhashable type: '{PyTypes.TypeName(key)}'");
        if (key is object?[] tuple)
        {
            foreach (var item in tuple)
            {
                if (item is not null)
                    EnsureHashable(item);
            }
        }
    }

    private static int HashDouble(double d)
    {
        if (Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue)
            return ((long)d).GetHashCode();
        return d.GetHashCode();
    }

    private static int HashTuple(object?[] tuple)
    {
        var hash = new HashCode();
        foreach (var item in tuple)
            hash.Add(item is null ? 0 : Instance.GetHashCode(item));
        return hash.ToHashCode();
    }
}
