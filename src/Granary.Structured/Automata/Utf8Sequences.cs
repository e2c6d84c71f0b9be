using Granary.Structured.Text;

namespace Granary.Structured.Automata;

/// <summary>
/// Splits code point ranges into sequences of byte ranges whose product is exactly their UTF-8
/// encodings (the classic construction also used by RE2 and regex-automata).
/// </summary>
internal static class Utf8Sequences
{
    private static readonly (int Low, int High)[] LengthBands = [(0, 0x7F), (0x80, 0x7FF), (0x800, 0xFFFF), (0x10000, 0x10FFFF)];

    public static List<(byte Low, byte High)[]> Of(CodePointSet set)
    {
        var output = new List<(byte, byte)[]>();
        foreach (var (low, high) in set.Ranges)
        {
            for (var length = 1; length <= 4; length++)
            {
                var a = Math.Max(low, LengthBands[length - 1].Low);
                var b = Math.Min(high, LengthBands[length - 1].High);
                if (a <= b)
                {
                    SplitSameLength(a, b, length, output);
                }
            }
        }

        return output;
    }

    private static void SplitSameLength(int low, int high, int length, List<(byte, byte)[]> output)
    {
        for (var i = 1; i < length; i++)
        {
            var mask = (1 << (6 * i)) - 1;
            if ((low & ~mask) == (high & ~mask))
            {
                continue;
            }

            if ((low & mask) != 0)
            {
                SplitSameLength(low, low | mask, length, output);
                SplitSameLength((low | mask) + 1, high, length, output);
                return;
            }

            if ((high & mask) != mask)
            {
                SplitSameLength(low, (high & ~mask) - 1, length, output);
                SplitSameLength(high & ~mask, high, length, output);
                return;
            }
        }

        var lowBytes = Encode(low, length);
        var highBytes = Encode(high, length);
        var sequence = new (byte, byte)[length];
        for (var i = 0; i < length; i++)
        {
            sequence[i] = (lowBytes[i], highBytes[i]);
        }

        output.Add(sequence);
    }

    private static byte[] Encode(int codePoint, int length) => length switch
    {
        1 => [(byte)codePoint],
        2 => [(byte)(0xC0 | (codePoint >> 6)), (byte)(0x80 | (codePoint & 0x3F))],
        3 => [(byte)(0xE0 | (codePoint >> 12)), (byte)(0x80 | ((codePoint >> 6) & 0x3F)), (byte)(0x80 | (codePoint & 0x3F))],
        _ => [(byte)(0xF0 | (codePoint >> 18)), (byte)(0x80 | ((codePoint >> 12) & 0x3F)), (byte)(0x80 | ((codePoint >> 6) & 0x3F)), (byte)(0x80 | (codePoint & 0x3F))],
    };
}
