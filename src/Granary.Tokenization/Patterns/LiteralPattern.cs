namespace Granary.Tokenization.Patterns;

/// <summary>A literal string matched ordinally, non-overlapping from the left (tokenizers escapes it into a regex).</summary>
internal sealed class LiteralPattern(string literal) : ISplitPattern
{
    public string Literal { get; } = literal;

    public void FindSegments(string text, List<PatternSegment> segments)
    {
        if (text.Length == 0)
        {
            segments.Add(new PatternSegment(0, 0, false));
            return;
        }

        if (Literal.Length == 0)
        {
            segments.Add(new PatternSegment(0, text.Length, false));
            return;
        }

        var previous = 0;
        var index = text.IndexOf(Literal, StringComparison.Ordinal);
        while (index >= 0)
        {
            if (index > previous)
            {
                segments.Add(new PatternSegment(previous, index, false));
            }

            segments.Add(new PatternSegment(index, index + Literal.Length, true));
            previous = index + Literal.Length;
            index = text.IndexOf(Literal, previous, StringComparison.Ordinal);
        }

        if (previous < text.Length)
        {
            segments.Add(new PatternSegment(previous, text.Length, false));
        }
    }
}
