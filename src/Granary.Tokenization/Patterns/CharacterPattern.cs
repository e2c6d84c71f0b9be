using System.Text;

namespace Granary.Tokenization.Patterns;

/// <summary>
/// Every character (code point) satisfying a predicate is its own match, as with tokenizers'
/// <c>Fn(char) -> bool</c> patterns (Digits, Punctuation, WhitespaceSplit, Metaspace's split).
/// </summary>
internal sealed class CharacterPattern(Func<Rune, bool> isMatch) : ISplitPattern
{
    public void FindSegments(string text, List<PatternSegment> segments)
    {
        if (text.Length == 0)
        {
            segments.Add(new PatternSegment(0, 0, false));
            return;
        }

        var gapStart = 0;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var width);
            if (isMatch(rune))
            {
                if (gapStart < index)
                {
                    segments.Add(new PatternSegment(gapStart, index, false));
                }

                segments.Add(new PatternSegment(index, index + width, true));
                gapStart = index + width;
            }

            index += width;
        }

        if (gapStart < text.Length)
        {
            segments.Add(new PatternSegment(gapStart, text.Length, false));
        }
    }
}
