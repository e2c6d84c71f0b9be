using System.Collections;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// A Python dict: insertion-ordered, keys compared with Python equality (so <c>1</c>, <c>1.0</c> and
/// <c>True</c> are the same key). Templates run in an immutable sandbox, so only construction writes to it.
/// </summary>
internal sealed class PyDict : IEnumerable<KeyValuePair<object?, object?>>
{
    private static readonly object NoneKey = new();
    private readonly OrderedDictionary<object, object?> _entries;

    public PyDict() => _entries = new OrderedDictionary<object, object?>(PyKeyComparer.Instance);

    public PyDict(int capacity) => _entries = new OrderedDictionary<object, object?>(capacity, PyKeyComparer.Instance);

    public int Count => _entries.Count;

    public IEnumerable<object?> Keys
    {
        get
        {
            foreach (var key in _entries.Keys)
                yield return FromStored(key);
        }
    }

    public IEnumerable<object?> Values => _entries.Values;

    /// <summary>Adds or replaces an entry, keeping the first insertion position like Python.</summary>
    public void Set(object? key, object? value) => _entries[ToStored(key)] = value;

    public bool TryGetValue(object? key, out object? value) => _entries.TryGetValue(ToStored(key), out value);

    public bool ContainsKey(object? key) => _entries.ContainsKey(ToStored(key));

    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator()
    {
        foreach (var entry in _entries)
            yield return new KeyValuePair<object?, object?>(FromStored(entry.Key), entry.Value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static object ToStored(object? key)
    {
        if (key is null)
            return NoneKey;
        PyKeyComparer.EnsureHashable(key);
        return key;
    }

    private static object? FromStored(object key) => ReferenceEquals(key, NoneKey) ? null : key;
}
