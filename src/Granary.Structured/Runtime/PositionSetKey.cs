namespace Granary.Structured.Runtime;

/// <summary>The identity of a <see cref="LazyState"/>: its canonical positions and completeness.</summary>
internal readonly struct PositionSetKey : IEquatable<PositionSetKey>
{
    private readonly Position[] _positions;
    private readonly bool _complete;
    private readonly int _hash;

    public PositionSetKey(Position[] positions, bool complete)
    {
        _positions = positions;
        _complete = complete;
        var hash = new HashCode();
        hash.Add(complete);
        foreach (var position in positions)
        {
            hash.Add(position);
        }

        _hash = hash.ToHashCode();
    }

    public bool Equals(PositionSetKey other) =>
        _hash == other._hash && _complete == other._complete && _positions.AsSpan().SequenceEqual(other._positions);

    public override bool Equals(object? obj) => obj is PositionSetKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
