namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// A lazy Python iterator: what Jinja's map, select/reject(attr), unique, items, batch and slice filters return
/// (generators) and what reverse returns for a list, tuple or dict (a reverse iterator). Like Python's it is
/// always truthy, has no len(), cannot be indexed, runs its filter only when consumed, and is consumed by
/// iterating: a second pass continues where the first stopped.
/// </summary>
internal sealed class PyIterator(string typeName, string description, IEnumerable<object?> source)
{
    private IEnumerator<object?>? _remaining;

    public string TypeName => typeName;

    /// <summary>A generator produced by a Jinja filter function such as <c>sync_do_map</c>.</summary>
    public static PyIterator Generator(string function, IEnumerable<object?> source) =>
        new("generator", $"<generator object {function} at {FakeAddress}>", source);

    /// <summary>Python's <c>reversed()</c> over a list, tuple or dict.</summary>
    public static PyIterator Reversed(string typeName, IEnumerable<object?> source) => new(typeName, $"<{typeName} object at {FakeAddress}>", source);

    // Python prints the object's memory address, which no one can rely on; this keeps the shape of the text.
    private const string FakeAddress = "0x7f0000000000";

    public IEnumerable<object?> Consume()
    {
        _remaining ??= source.GetEnumerator();
        while (_remaining.MoveNext())
            yield return _remaining.Current;
    }

    public override string ToString() => description;
}
