namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Exposes a string's characters as strings so slicing can share the list code path.</summary>
internal sealed class StringCharacters(string text) : IReadOnlyList<string>
{
    public string this[int index] => text[index].ToString();

    public int Count => text.Length;

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var c in text)
            yield return c.ToString();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
