using System.Globalization;
using Granary.Structured.Text;

namespace Granary.Structured.Regex;

/// <summary>Backslash escapes of the supported subset, inside and outside classes.</summary>
internal static class RegexEscapes
{
    /// <summary>Reads the escape after a backslash at <paramref name="position"/> and moves past it.</summary>
    public static RegexCharClass Parse(string pattern, ref int position, bool inClass, string keyword)
    {
        if (position >= pattern.Length)
        {
            throw Error(pattern, keyword, "trailing backslash");
        }

        var c = pattern[position++];
        switch (c)
        {
            case 'd': return UnicodeClasses.Digit;
            case 'D': return UnicodeClasses.Digit.Negate();
            case 'w': return UnicodeClasses.Word;
            case 'W': return UnicodeClasses.Word.Negate();
            case 's': return UnicodeClasses.Space;
            case 'S': return UnicodeClasses.Space.Negate();
            case 't': return Single('\t');
            case 'n': return Single('\n');
            case 'r': return Single('\r');
            case 'f': return Single('\f');
            case 'v': return Single('\v');
            case 'b' when inClass: return Single('\b');
            case '0' when position >= pattern.Length || !char.IsAsciiDigit(pattern[position]): return Single(0);
            case 'x': return Single(ReadHex(pattern, ref position, 2, keyword));
            case 'u' when position < pattern.Length && pattern[position] == '{':
                {
                    var close = pattern.IndexOf('}', position);
                    if (close < 0 || !int.TryParse(pattern.AsSpan(position + 1, close - position - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
                        || codePoint > CodePointSet.MaxCodePoint)
                    {
                        throw Error(pattern, keyword, "bad \\u{...} escape");
                    }

                    position = close + 1;
                    return Single(codePoint);
                }

            case 'u': return Single(ReadHex(pattern, ref position, 4, keyword));
            default:
                if (char.IsAsciiLetterOrDigit(c))
                {
                    // \b \B \A \Z \1 \p{..} \k<..> \c.. and the like: assertions, backreferences or
                    // property classes we do not enforce.
                    throw Error(pattern, keyword, $"the escape \\{c} is not supported");
                }

                return Single(c);
        }
    }

    private static int ReadHex(string pattern, ref int position, int digits, string keyword)
    {
        if (position + digits > pattern.Length
            || !int.TryParse(pattern.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(pattern, keyword, "bad hexadecimal escape");
        }

        position += digits;
        return value;
    }

    private static RegexCharClass Single(int codePoint) => RegexCharClass.Exact(CodePointSet.Single(codePoint));

    private static StructuredOutputException Error(string pattern, string keyword, string what) =>
        new($"{keyword}: {what} in /{pattern}/", keyword);
}
