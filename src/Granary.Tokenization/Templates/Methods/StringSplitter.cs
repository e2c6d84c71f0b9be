using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Methods;

/// <summary>Python's <c>str.split</c> / <c>str.rsplit</c>, with and without a separator, honouring maxsplit.</summary>
internal static class StringSplitter
{
    public static List<object?> SplitWhitespace(string text, long maxSplit, bool fromRight)
    {
        var remaining = maxSplit < 0 ? long.MaxValue : maxSplit;
        var parts = new List<object?>();
        if (!fromRight)
        {
            var i = 0;
            while (true)
            {
                while (i < text.Length && PyStrings.IsWhitespace(text[i]))
                    i++;
                if (i >= text.Length)
                    break;
                if (remaining-- == 0)
                {
                    parts.Add(text[i..]);
                    break;
                }
                var j = i;
                while (j < text.Length && !PyStrings.IsWhitespace(text[j]))
                    j++;
                parts.Add(text[i..j]);
                i = j;
            }
            return parts;
        }
        var end = text.Length;
        while (true)
        {
            while (end > 0 && PyStrings.IsWhitespace(text[end - 1]))
                end--;
            if (end == 0)
                break;
            if (remaining-- == 0)
            {
                parts.Add(text[..end]);
                break;
            }
            var start = end;
            while (start > 0 && !PyStrings.IsWhitespace(text[start - 1]))
                start--;
            parts.Add(text[start..end]);
            end = start;
        }
        parts.Reverse();
        return parts;
    }

    public static List<object?> SplitOn(string text, string separator, long maxSplit, bool fromRight)
    {
        var remaining = maxSplit < 0 ? long.MaxValue : maxSplit;
        var parts = new List<object?>();
        if (!fromRight)
        {
            var start = 0;
            while (remaining-- > 0)
            {
                var at = text.IndexOf(separator, start, StringComparison.Ordinal);
                if (at < 0)
                    break;
                parts.Add(text[start..at]);
                start = at + separator.Length;
            }
            parts.Add(text[start..]);
            return parts;
        }
        var end = text.Length;
        while (remaining-- > 0 && end >= separator.Length)
        {
            var at = text.LastIndexOf(separator, end - 1, end, StringComparison.Ordinal);
            if (at < 0)
                break;
            parts.Add(text[(at + separator.Length)..end]);
            end = at;
        }
        parts.Add(text[..end]);
        parts.Reverse();
        return parts;
    }
}
