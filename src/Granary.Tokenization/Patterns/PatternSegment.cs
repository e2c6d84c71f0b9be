namespace Granary.Tokenization.Patterns;

/// <summary>A span [Start, End) of UTF-16 offsets, flagged when it is a match of the pattern.</summary>
internal readonly record struct PatternSegment(int Start, int End, bool IsMatch)
{
    public int Length => End - Start;
}
