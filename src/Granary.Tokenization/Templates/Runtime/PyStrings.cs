using System.Text;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Python str semantics on .NET strings: Python counts and indexes code points, .NET counts UTF-16 units,
/// so every length/index/slice goes through here. Strings without surrogates take the direct path.
/// </summary>
internal static class PyStrings
{
    /// <summary>Python's <c>str.isspace</c> / <c>\s</c> set (wider than .NET's: includes U+001C..U+001F).</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
        '\x1C' or '\x1D' or '\x1E' or '\x1F' or '\x85' or '\xA0' => true,
        '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    /// <summary>Python's line boundaries for <c>splitlines</c>.</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1C' or '\x1D' or '\x1E'
        or '\x85' or '\u2028' or '\u2029';

    /// <summary>Python's <c>chr()</c>: any code point up to U+10FFFF, lone surrogates included.</summary>
    public static string FromCodePoint(long codePoint)
    {
        if (codePoint is < 0 or > 0x10FFFF)
            throw new ChatTemplateException("%c arg not in range(0x110000)");
        return codePoint is >= 0xD800 and <= 0xDFFF ? ((char)codePoint).ToString() : char.ConvertFromUtf32((int)codePoint);
    }

    public static bool HasSurrogates(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
                return true;
        }
        return false;
    }

    public static int Length(string text)
    {
        if (!HasSurrogates(text))
            return text.Length;
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            count++;
        }
        return count;
    }

    /// <summary>The text split into one string per code point (the items Python iterates).</summary>
    public static List<string> CodePoints(string text)
    {
        var result = new List<string>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Add(text.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(text[i].ToString());
            }
        }
        return result;
    }

    /// <summary>Converts a code point index (0..length) to a UTF-16 index.</summary>
    public static int ToUtf16Index(string text, int codePointIndex)
    {
        if (!HasSurrogates(text))
            return codePointIndex;
        var position = 0;
        for (var i = 0; i < codePointIndex && position < text.Length; i++)
            position += char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
        return position;
    }

    /// <summary>Converts a UTF-16 index to a code point index.</summary>
    public static int ToCodePointIndex(string text, int utf16Index) =>
        utf16Index <= 0 ? utf16Index : Length(text[..utf16Index]);

    /// <summary>Python's <c>str.strip/lstrip/rstrip</c>: whitespace when <paramref name="chars"/> is null.</summary>
    public static string Strip(string text, string? chars, bool left, bool right)
    {
        var start = 0;
        var end = text.Length;
        if (left)
        {
            while (start < end && IsStripped(text[start], chars))
                start++;
        }
        if (right)
        {
            while (end > start && IsStripped(text[end - 1], chars))
                end--;
        }
        return text[start..end];
    }

    private static bool IsStripped(char c, string? chars) => chars is null ? IsWhitespace(c) : chars.Contains(c);

    /// <summary>Python's <c>str.splitlines</c>; <c>\r\n</c> counts as one break.</summary>
    public static List<string> SplitLines(string text, bool keepEnds)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsLineBreak(text[i]))
            {
                i++;
                continue;
            }
            var breakEnd = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
            lines.Add(text[start..(keepEnds ? breakEnd : i)]);
            start = i = breakEnd;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Python's <c>str.upper</c>: full case mapping for the common special case ß → SS.</summary>
    public static string Upper(string text)
    {
        var upper = text.ToUpperInvariant();
        return upper.Contains('ß') ? upper.Replace("ß", "SS", StringComparison.Ordinal) : upper;
    }

    public static string Lower(string text) => text.ToLowerInvariant();

    public static bool IsCased(char c) => char.IsUpper(c) || char.IsLower(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter;

    /// <summary>Python's <c>str.title</c>: a cased character after a cased character is lowered, others raised.</summary>
    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var previousCased = false;
        foreach (var c in text)
        {
            builder.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = IsCased(c);
        }
        return builder.ToString();
    }

    /// <summary>Python's <c>str.capitalize</c>: first character upper, the rest lower.</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    /// <summary>Python's <c>str.replace</c>, including the empty-pattern case that inserts between characters.</summary>
    public static string Replace(string text, string old, string replacement, long count)
    {
        if (count < 0)
            count = long.MaxValue;
        if (count == 0)
            return text;
        if (old.Length == 0)
        {
            var parts = CodePoints(text);
            var builder = new StringBuilder();
            long done = 0;
            foreach (var part in parts)
            {
                if (done++ < count)
                    builder.Append(replacement);
                builder.Append(part);
            }
            if (done < count)
                builder.Append(replacement);
            return builder.ToString();
        }
        if (count == long.MaxValue)
            return text.Replace(old, replacement, StringComparison.Ordinal);
        var result = new StringBuilder();
        var position = 0;
        long replaced = 0;
        while (replaced < count)
        {
            var found = text.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0)
                break;
            result.Append(text, position, found - position).Append(replacement);
            position = found + old.Length;
            replaced++;
        }
        return result.Append(text, position, text.Length - position).ToString();
    }
}
