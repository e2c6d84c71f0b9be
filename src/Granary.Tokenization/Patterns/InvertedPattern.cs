namespace Granary.Tokenization.Patterns;

/// <summary>Flips match and gap, as tokenizers' <c>Invert</c> does for Split with <c>invert: true</c>.</summary>
internal sealed class InvertedPattern(ISplitPattern inner) : ISplitPattern
{
    public void FindSegments(string text, List<PatternSegment> segments)
    {
        var start = segments.Count;
        inner.FindSegments(text, segments);
        for (var i = start; i < segments.Count; i++)
        {
            var segment = segments[i];
            segments[i] = segment with { IsMatch = !segment.IsMatch };
        }
    }
}
