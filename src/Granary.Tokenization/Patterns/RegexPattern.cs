using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Granary.Tokenization.Patterns;

/// <summary>
/// An Oniguruma-style pattern from tokenizer.json, translated once to a compiled .NET regex
/// (cached by source pattern) and matched over code points (see <see cref="SupplementaryFolding"/>).
/// </summary>
internal sealed class RegexPattern : ISplitPattern
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    private readonly Regex _regex;
    private readonly bool _foldSupplementary;

    public RegexPattern(string onigurumaPattern)
    {
        Source = onigurumaPattern;
        var translation = OnigurumaTranslator.Translate(onigurumaPattern);
        _foldSupplementary = !translation.HasSupplementaryLiterals;
        _regex = Cache.GetOrAdd(translation.DotNetPattern, static pattern => Create(pattern));
    }

    public string Source { get; }

    public void FindSegments(string text, List<PatternSegment> segments)
    {
        if (text.Length == 0)
        {
            segments.Add(new PatternSegment(0, 0, false));
            return;
        }

        int[]? offsets = null;
        var subject = text;
        if (_foldSupplementary && SupplementaryFolding.Fold(text, out var map) is { } folded)
        {
            subject = folded;
            offsets = map;
        }

        var previous = 0;
        var lastMatchEnd = -1;
        for (var match = _regex.Match(subject); match.Success; match = match.NextMatch())
        {
            var start = match.Index;
            var end = match.Index + match.Length;
            // Oniguruma's iterator never yields an empty match right where the last match ended.
            if (start == end && end == lastMatchEnd)
            {
                continue;
            }

            lastMatchEnd = end;
            if (offsets is not null)
            {
                start = offsets[start];
                end = offsets[end];
            }

            if (previous != start)
            {
                segments.Add(new PatternSegment(previous, start, false));
            }

            segments.Add(new PatternSegment(start, end, true));
            previous = end;
        }

        if (previous != text.Length)
        {
            segments.Add(new PatternSegment(previous, text.Length, false));
        }
    }

    private static Regex Create(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException exception)
        {
            throw new TokenizerException($"Regex pattern '{pattern}' is not valid for .NET: {exception.Message}", exception);
        }
    }
}
