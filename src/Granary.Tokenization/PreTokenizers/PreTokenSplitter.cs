using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>
/// The shared split machinery: apply a function to every text split, drop empty results, and turn
/// pattern segments into pieces according to a <see cref="SplitDelimiterBehavior"/>.
/// </summary>
internal static class PreTokenSplitter
{
    public static void SplitEach(List<PreToken> splits, Action<PreToken, List<PreToken>> split)
    {
        var result = new List<PreToken>(splits.Count * 2);
        foreach (var piece in splits)
        {
            if (piece.IsAddedToken)
            {
                result.Add(piece);
                continue;
            }

            var before = result.Count;
            split(piece, result);
            for (var i = result.Count - 1; i >= before; i--)
            {
                if (result[i].Text.Length == 0)
                {
                    result.RemoveAt(i);
                }
            }
        }

        splits.Clear();
        splits.AddRange(result);
    }

    public static void SplitByPattern(PreToken piece, ISplitPattern pattern, SplitDelimiterBehavior behavior, List<PreToken> output)
    {
        var segments = new List<PatternSegment>();
        pattern.FindSegments(piece.Text, segments);
        var spans = ApplyBehavior(segments, behavior);
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = spans[i];
            output.Add(PreToken.FromText(piece.Text[start..end], piece.StartsAtOrigin && start == 0));
        }
    }

    public static List<(int Start, int End)> ApplyBehavior(List<PatternSegment> segments, SplitDelimiterBehavior behavior)
    {
        var spans = new List<(int Start, int End)>(segments.Count);
        switch (behavior)
        {
            case SplitDelimiterBehavior.Isolated:
                segments.ForEach(s => spans.Add((s.Start, s.End)));
                break;
            case SplitDelimiterBehavior.Removed:
                segments.Where(s => !s.IsMatch).ToList().ForEach(s => spans.Add((s.Start, s.End)));
                break;
            case SplitDelimiterBehavior.Contiguous:
                MergeForward(segments, spans, (isMatch, previousMatch) => isMatch == previousMatch);
                break;
            case SplitDelimiterBehavior.MergedWithPrevious:
                MergeForward(segments, spans, (isMatch, previousMatch) => isMatch && !previousMatch);
                break;
            case SplitDelimiterBehavior.MergedWithNext:
                MergeWithNext(segments, spans);
                break;
        }

        return spans;
    }

    // Folds left to right: a segment joins the previous span when the rule says so.
    private static void MergeForward(List<PatternSegment> segments, List<(int Start, int End)> spans, Func<bool, bool, bool> joinsPrevious)
    {
        var previousMatch = false;
        foreach (var segment in segments)
        {
            if (joinsPrevious(segment.IsMatch, previousMatch) && spans.Count > 0)
            {
                spans[^1] = (spans[^1].Start, segment.End);
            }
            else
            {
                spans.Add((segment.Start, segment.End));
            }

            previousMatch = segment.IsMatch;
        }
    }

    // Folds right to left: a delimiter joins the span that follows it.
    private static void MergeWithNext(List<PatternSegment> segments, List<(int Start, int End)> spans)
    {
        var previousMatch = false;
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.IsMatch && !previousMatch && spans.Count > 0)
            {
                spans[^1] = (segment.Start, spans[^1].End);
            }
            else
            {
                spans.Add((segment.Start, segment.End));
            }

            previousMatch = segment.IsMatch;
        }

        spans.Reverse();
    }
}
