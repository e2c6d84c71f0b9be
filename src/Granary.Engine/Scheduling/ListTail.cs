using System.Collections;

namespace Granary.Engine.Scheduling;

/// <summary>A live, read-only view of a list from <paramref name="start"/> on: what it shows grows as the list does, with no copy.</summary>
internal sealed class ListTail(List<int> list, int start) : IReadOnlyList<int>
{
    public int Count => list.Count - start;

    public int this[int index] => (uint)index < (uint)Count ? list[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = start; i < list.Count; i++) yield return list[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
