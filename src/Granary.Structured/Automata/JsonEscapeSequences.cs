using Granary.Structured.Text;

namespace Granary.Structured.Automata;

/// <summary>
/// The byte sequences that write a set of code points inside a JSON string: raw UTF-8 (never
/// '"', '\' or a control character), the short escapes, and <c>\uXXXX</c> with either hex case
/// for BMP scalars. Characters beyond the BMP are only written raw (no surrogate-pair escapes).
/// </summary>
internal static class JsonEscapeSequences
{
    private static readonly (int CodePoint, char Letter)[] ShortEscapes =
        [('"', '"'), ('\\', '\\'), ('/', '/'), ('\b', 'b'), ('\f', 'f'), ('\n', 'n'), ('\r', 'r'), ('\t', 't')];

    private static readonly CodePointSet NeverRaw = CodePointSet.Range(0, 0x1F).Union(CodePointSet.Of('"', '\\'));

    /// <summary>Each sequence element is a set of byte ranges (a hex digit is 0-9, a-f or A-F).</summary>
    public static List<(byte Low, byte High)[][]> Of(CodePointSet set)
    {
        var output = Utf8Sequences.Of(set.Subtract(NeverRaw))
            .Select(sequence => sequence.Select(range => new[] { range }).ToArray())
            .ToList();
        foreach (var (codePoint, letter) in ShortEscapes)
        {
            if (set.Contains(codePoint))
            {
                output.Add([[((byte)'\\', (byte)'\\')], [((byte)letter, (byte)letter)]]);
            }
        }

        foreach (var (low, high) in set.Intersect(CodePointSet.BmpScalars).Ranges)
        {
            foreach (var digits in SplitHex(low, high, 4))
            {
                output.Add([[((byte)'\\', (byte)'\\')], [((byte)'u', (byte)'u')], .. digits.Select(HexDigitBytes)]);
            }
        }

        return output;
    }

    /// <summary>Fixed-width base-16 digit ranges whose products are exactly [low, high].</summary>
    private static List<(int Low, int High)[]> SplitHex(int low, int high, int width)
    {
        if (width == 0)
        {
            return [[]];
        }

        var unit = 1 << (4 * (width - 1));
        var (topLow, topHigh) = (low / unit, high / unit);
        var (restLow, restHigh) = (low % unit, high % unit);
        var output = new List<(int, int)[]>();
        if (topLow == topHigh)
        {
            output.AddRange(SplitHex(restLow, restHigh, width - 1).Select(tail => Prepend((topLow, topLow), tail)));
            return output;
        }

        if (restLow != 0)
        {
            output.AddRange(SplitHex(restLow, unit - 1, width - 1).Select(tail => Prepend((topLow, topLow), tail)));
            topLow++;
        }

        var highPartial = restHigh != unit - 1;
        var fullHigh = highPartial ? topHigh - 1 : topHigh;
        if (topLow <= fullHigh)
        {
            output.AddRange(SplitHex(0, unit - 1, width - 1).Select(tail => Prepend((topLow, fullHigh), tail)));
        }

        if (highPartial)
        {
            output.AddRange(SplitHex(0, restHigh, width - 1).Select(tail => Prepend((topHigh, topHigh), tail)));
        }

        return output;
    }

    private static (int, int)[] Prepend((int, int) head, (int, int)[] tail) => [head, .. tail];

    private static (byte Low, byte High)[] HexDigitBytes((int Low, int High) digits)
    {
        var ranges = new List<(byte, byte)>();
        if (digits.Low <= 9)
        {
            ranges.Add(((byte)('0' + digits.Low), (byte)('0' + Math.Min(digits.High, 9))));
        }

        if (digits.High >= 10)
        {
            var from = Math.Max(digits.Low, 10) - 10;
            var to = digits.High - 10;
            ranges.Add(((byte)('a' + from), (byte)('a' + to)));
            ranges.Add(((byte)('A' + from), (byte)('A' + to)));
        }

        return [.. ranges];
    }
}
