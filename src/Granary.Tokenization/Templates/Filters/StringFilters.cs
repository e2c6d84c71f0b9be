using System.Globalization;
using System.Text;
using Granary.Tokenization.Templates.Formatting;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Filters;

/// <summary>Jinja's string filters: trim, lower, upper, title, capitalize, replace, string, safe, escape, wordcount, format.</summary>
internal static class StringFilters
{
    public static void Register(Dictionary<string, FilterFunction> filters)
    {
        filters["trim"] = Trim;
        filters["lower"] = (_, v, a) => Unary("lower", a, PyStrings.Lower(PyRepr.Str(v)));
        filters["upper"] = (_, v, a) => Unary("upper", a, PyStrings.Upper(PyRepr.Str(v)));
        filters["title"] = (_, v, a) => Unary("title", a, Title(PyRepr.Str(v)));
        filters["capitalize"] = (_, v, a) => Unary("capitalize", a, PyStrings.Capitalize(PyRepr.Str(v)));
        filters["string"] = (_, v, a) => Unary("string", a, PyRepr.Str(v));
        filters["safe"] = (_, v, a) => Unary("safe", a, PyRepr.Str(v));
        filters["escape"] = (_, v, a) => Unary("escape", a, Escape(PyRepr.Str(v)));
        filters["e"] = filters["escape"];
        filters["forceescape"] = filters["escape"];
        filters["replace"] = Replace;
        filters["wordcount"] = (_, v, a) => Unary("wordcount", a, CountWords(PyRepr.Str(v)));
        filters["format"] = Format;
    }

    private static object? Unary(string name, CallArguments arguments, object? result)
    {
        ArgumentBinder.Bind(name, arguments);
        return result;
    }

    private static object? Trim(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var chars = ArgumentBinder.Bind("trim", arguments, "chars").GetString(0, null);
        return PyStrings.Strip(PyRepr.Str(value), chars, left: true, right: true);
    }

    private static object? Replace(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        var bound = ArgumentBinder.Bind("replace", arguments, "old", "new", "count");
        var old = PyRepr.Str(bound.Required(0, "old"));
        var replacement = PyRepr.Str(bound.Required(1, "new"));
        var count = bound.Get(2) is null ? -1 : bound.GetInt(2, -1, "count");
        return PyStrings.Replace(PyRepr.Str(value), old, replacement, count);
    }

    /// <summary>Jinja's own title: words start after whitespace, '-', or an opening bracket, not after an apostrophe.</summary>
    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var isSeparatorRun = IsWordBoundary(text[i]);
            while (i < text.Length && IsWordBoundary(text[i]) == isSeparatorRun)
                i++;
            var segment = text[start..i];
            builder.Append(isSeparatorRun ? segment : char.ToUpperInvariant(segment[0]) + segment[1..].ToLowerInvariant());
        }
        return builder.ToString();
    }

    private static bool IsWordBoundary(char c) => PyStrings.IsWhitespace(c) || c is '-' or '(' or '{' or '[' or '<';

    /// <summary>markupsafe's escape: &amp; &lt; &gt; " ' become entities.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
            return text;
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&#34;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
    }

    /// <summary>Counts <c>\w+</c> runs, as Jinja's wordcount does.</summary>
    private static long CountWords(string text)
    {
        long count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordChar = c == '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetNumericValue(c) >= 0;
            if (isWordChar && !inWord)
                count++;
            inWord = isWordChar;
        }
        return count;
    }

    private static object? Format(Rendering.RenderContext context, object? value, CallArguments arguments)
    {
        if (arguments.Positional.Length > 0 && arguments.Named.Length > 0)
            throw new ChatTemplateException("can't handle positional and keyword arguments at the same time");
        object? values = arguments.Positional;
        if (arguments.Named.Length > 0)
        {
            var mapping = new PyDict();
            foreach (var (name, item) in arguments.Named)
                mapping.Set(name, item);
            values = mapping;
        }
        return PercentFormatter.Format(PyRepr.Str(value), values);
    }
}
