using System.Globalization;
using System.Text;
using Granary.Tokenization.Templates.Formatting;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of template values, which is what <c>{{ x }}</c> prints.</summary>
internal static class PyRepr
{
    /// <summary><c>str(x)</c>; Undefined prints as the empty string, as Jinja's default Undefined does.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PyFloatFormatter.Repr(d),
        Undefined => "",
        List<object?> or object?[] or PyDict or GroupTuple => Repr(value),
        _ => value.ToString() ?? "",
    };

    /// <summary><c>repr(x)</c>: strings quoted and escaped, containers recursively.</summary>
    public static string Repr(object? value)
    {
        if (value is string s)
            return QuoteString(s);
        if (value is Undefined)
            return "Undefined";
        if (value is not (List<object?> or object?[] or PyDict or GroupTuple))
            return Str(value);
        var builder = new StringBuilder();
        AppendRepr(builder, value);
        return builder.ToString();
    }

    private static void AppendRepr(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case string s:
                builder.Append(QuoteString(s));
                break;
            case List<object?> list:
                builder.Append('[');
                AppendItems(builder, list);
                builder.Append(']');
                break;
            case object?[] tuple:
                builder.Append('(');
                AppendItems(builder, tuple);
                builder.Append(tuple.Length == 1 ? ",)" : ")");
                break;
            case GroupTuple group:
                builder.Append("_GroupTuple(grouper=");
                AppendRepr(builder, group.Grouper);
                builder.Append(", list=");
                AppendRepr(builder, group.List);
                builder.Append(')');
                break;
            case PyDict dict:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in dict)
                {
                    if (!first)
                        builder.Append(", ");
                    first = false;
                    AppendRepr(builder, key);
                    builder.Append(": ");
                    AppendRepr(builder, item);
                }
                builder.Append('}');
                break;
            default:
                builder.Append(Repr(value));
                break;
        }
    }

    private static void AppendItems(StringBuilder builder, IReadOnlyList<object?> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                builder.Append(", ");
            AppendRepr(builder, items[i]);
        }
    }

    /// <summary>Python's string repr: single quotes unless the text has single but no double quotes.</summary>
    public static string QuoteString(string? text)
    {
        text ??= "";
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2);
        builder.Append(quote);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote || c == '\\')
                builder.Append('\\').Append(c);
            else if (c == '\t')
                builder.Append("\\t");
            else if (c == '\n')
                builder.Append("\\n");
            else if (c == '\r')
                builder.Append("\\r");
            else if (c < ' ' || c == 0x7F)
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else if (c < 0x7F)
                builder.Append(c);
            else
                i = AppendNonAscii(builder, text, i);
        }
        builder.Append(quote);
        return builder.ToString();
    }

    private static int AppendNonAscii(StringBuilder builder, string text, int index)
    {
        int codePoint = text[index];
        var width = 1;
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            codePoint = char.ConvertToUtf32(text[index], text[index + 1]);
            width = 2;
        }
        if (IsPrintable(codePoint))
            builder.Append(text, index, width);
        else if (codePoint <= 0xFF)
            builder.Append("\\x").Append(codePoint.ToString("x2", CultureInfo.InvariantCulture));
        else if (codePoint <= 0xFFFF)
            builder.Append("\\u").Append(codePoint.ToString("x4", CultureInfo.InvariantCulture));
        else
            builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
        return index + width - 1;
    }

    /// <summary>Python's <c>str.isprintable</c> for one code point: not a control, format, separator or unassigned.</summary>
    public static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ')
            return true;
        var category = codePoint is >= 0xD800 and <= 0xDFFF
            ? UnicodeCategory.Surrogate
            : CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
