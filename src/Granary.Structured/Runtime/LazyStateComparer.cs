namespace Granary.Structured.Runtime;

internal sealed class LazyStateComparer : IEqualityComparer<LazyState>
{
    public static LazyStateComparer Instance { get; } = new();

    public bool Equals(LazyState? x, LazyState? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SameAs(y));

    public int GetHashCode(LazyState obj) => obj.Hash;
}
