namespace Granary.Structured.Text;

/// <summary>An immutable set of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges.</summary>
internal sealed class CodePointSet : IEquatable<CodePointSet>
{
    public const int MaxCodePoint = 0x10FFFF;

    private readonly (int Low, int High)[] _ranges;

    private CodePointSet((int Low, int High)[] normalizedRanges) => _ranges = normalizedRanges;

    public static CodePointSet Empty { get; } = new([]);

    /// <summary>Every Unicode scalar value: all code points but the UTF-16 surrogates, which UTF-8 cannot carry.</summary>
    public static CodePointSet AllScalars { get; } = new([(0, 0xD7FF), (0xE000, MaxCodePoint)]);

    /// <summary>Scalars of the Basic Multilingual Plane: one UTF-16 unit each, so every validator counts them alike.</summary>
    public static CodePointSet BmpScalars { get; } = new([(0, 0xD7FF), (0xE000, 0xFFFF)]);

    public IReadOnlyList<(int Low, int High)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Length == 0;

    public static CodePointSet Single(int codePoint) => new([(codePoint, codePoint)]);

    public static CodePointSet Range(int low, int high) => low > high ? Empty : new([(low, high)]);

    public static CodePointSet Of(params int[] codePoints) => FromRanges(codePoints.Select(c => (c, c)));

    public static CodePointSet FromRanges(IEnumerable<(int Low, int High)> ranges)
    {
        var sorted = ranges.Where(r => r.Low <= r.High).OrderBy(r => r.Low).ToList();
        var merged = new List<(int Low, int High)>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0 && range.Low <= merged[^1].High + 1)
            {
                merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, range.High));
            }
            else
            {
                merged.Add(range);
            }
        }

        return new CodePointSet([.. merged]);
    }

    public bool Contains(int codePoint)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            if (codePoint < _ranges[middle].Low)
            {
                high = middle - 1;
            }
            else if (codePoint > _ranges[middle].High)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public CodePointSet Union(CodePointSet other) => FromRanges(_ranges.Concat(other._ranges));

    /// <summary>The complement within 0..U+10FFFF (surrogates included; intersect with scalars where that matters).</summary>
    public CodePointSet Complement()
    {
        var result = new List<(int Low, int High)>();
        var next = 0;
        foreach (var (low, high) in _ranges)
        {
            if (low > next)
            {
                result.Add((next, low - 1));
            }

            next = high + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add((next, MaxCodePoint));
        }

        return new CodePointSet([.. result]);
    }

    public CodePointSet Intersect(CodePointSet other)
    {
        var result = new List<(int Low, int High)>();
        int i = 0, j = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            var low = Math.Max(_ranges[i].Low, other._ranges[j].Low);
            var high = Math.Min(_ranges[i].High, other._ranges[j].High);
            if (low <= high)
            {
                result.Add((low, high));
            }

            if (_ranges[i].High < other._ranges[j].High)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new CodePointSet([.. result]);
    }

    public CodePointSet Subtract(CodePointSet other) => Intersect(other.Complement());

    public bool Equals(CodePointSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => Equals(obj as CodePointSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in _ranges)
        {
            hash.Add(range.Low);
            hash.Add(range.High);
        }

        return hash.ToHashCode();
    }
}
