using System.Globalization;
using System.Text;

namespace Granary.Tokenization.Templates.Lexing;

/// <summary>
/// Decodes the escapes of a string literal the way Jinja does (Python's <c>unicode-escape</c> codec):
/// <c>\n \t \\ \' \" \xhh \uhhhh \Uhhhhhhhh</c>, octal, and unknown escapes kept verbatim.
/// </summary>
internal static class StringLiteralDecoder
{
    /// <summary>Returns the decoded text, or throws <see cref="FormatException"/> for a malformed escape.</summary>
    public static string Decode(string body)
    {
        if (!body.Contains('\\'))
            return body;
        var builder = new StringBuilder(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i++];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (i >= body.Length)
                throw new FormatException("\\ at end of string");
            var escape = body[i++];
            switch (escape)
            {
                case '\n': break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case 'x': AppendCodePoint(builder, ReadHex(body, ref i, 2, "\\xXX")); break;
                case 'u': AppendCodePoint(builder, ReadHex(body, ref i, 4, "\\uXXXX")); break;
                case 'U': AppendCodePoint(builder, ReadHex(body, ref i, 8, "\\UXXXXXXXX")); break;
                case 'N': throw new FormatException("named unicode escapes (\\N{...}) are not supported");
                case >= '0' and <= '7':
                    var octal = escape - '0';
                    for (var digits = 1; digits < 3 && i < body.Length && body[i] is >= '0' and <= '7'; digits++)
                        octal = (octal * 8) + (body[i++] - '0');
                    AppendCodePoint(builder, octal);
                    break;
                case > '\x7F':
                    // Jinja backslash-escapes non-ASCII before decoding, so "\é" becomes a literal "\xe9".
                    builder.Append('\\').Append(BackslashReplace(body, ref i, escape));
                    break;
                default:
                    builder.Append('\\').Append(escape);
                    break;
            }
        }
        return builder.ToString();
    }

    private static int ReadHex(string body, ref int index, int digits, string form)
    {
        if (index + digits > body.Length || !int.TryParse(body.AsSpan(index, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"truncated {form} escape");
        index += digits;
        if (value is < 0 or > 0x10FFFF)
            throw new FormatException("illegal Unicode character");
        return value;
    }

    private static void AppendCodePoint(StringBuilder builder, int codePoint)
    {
        if (codePoint is >= 0xD800 and <= 0xDFFF)
            builder.Append((char)codePoint);
        else
            builder.Append(char.ConvertFromUtf32(codePoint));
    }

    private static string BackslashReplace(string body, ref int index, char first)
    {
        int codePoint = first;
        if (char.IsHighSurrogate(first) && index < body.Length && char.IsLowSurrogate(body[index]))
            codePoint = char.ConvertToUtf32(first, body[index++]);
        return codePoint switch
        {
            <= 0xFF => "x" + codePoint.ToString("x2", CultureInfo.InvariantCulture),
            <= 0xFFFF => "u" + codePoint.ToString("x4", CultureInfo.InvariantCulture),
            _ => "U" + codePoint.ToString("x8", CultureInfo.InvariantCulture),
        };
    }
}
