using System.Globalization;
using System.Text;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>
/// Python's <c>str.format</c> as Jinja's sandboxed formatter runs it: <c>{}</c>, <c>{0}</c>, <c>{name}</c>,
/// attribute and index access (<c>{0.name}</c>, <c>{0[key]}</c>), conversions (<c>!r !s !a</c>) and format
/// specs, which may themselves contain replacement fields.
/// </summary>
internal static class StrFormatter
{
    public static string Format(string format, CallArguments arguments)
    {
        var state = new FieldNumbering();
        return Render(format, arguments, state, depth: 0);
    }

    private static string Render(string format, CallArguments arguments, FieldNumbering numbering, int depth)
    {
        if (depth > 1)
            throw new ChatTemplateException("Max string recursion exceeded");
        var builder = new StringBuilder();
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    builder.Append('}');
                    i += 2;
                    continue;
                }
                throw new ChatTemplateException("Single '}' encountered in format string");
            }
            if (c != '{')
            {
                builder.Append(c);
                i++;
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                builder.Append('{');
                i += 2;
                continue;
            }
            var end = FindFieldEnd(format, i + 1);
            builder.Append(RenderField(format[(i + 1)..end], arguments, numbering, depth));
            i = end + 1;
        }
        return builder.ToString();
    }

    private static int FindFieldEnd(string format, int start)
    {
        var nesting = 0;
        for (var i = start; i < format.Length; i++)
        {
            if (format[i] == '{')
                nesting++;
            else if (format[i] == '}' && nesting-- == 0)
                return i;
        }
        throw new ChatTemplateException("expected '}' before end of string");
    }

    private static string RenderField(string field, CallArguments arguments, FieldNumbering numbering, int depth)
    {
        var colon = IndexOutsideBrackets(field, ':');
        var spec = colon >= 0 ? field[(colon + 1)..] : "";
        var head = colon >= 0 ? field[..colon] : field;
        char? conversion = null;
        var bang = IndexOutsideBrackets(head, '!');
        if (bang >= 0)
        {
            if (bang + 2 != head.Length)
                throw new ChatTemplateException("expected ':' after conversion specifier");
            conversion = head[bang + 1];
            head = head[..bang];
        }
        var value = Resolve(head, arguments, numbering);
        value = conversion switch
        {
            null => value,
            's' => PyRepr.Str(value),
            'r' or 'a' => PyRepr.Repr(value),
            _ => throw new ChatTemplateException($"Unknown conversion specifier {conversion}"),
        };
        if (spec.Contains('{'))
            spec = Render(spec, arguments, numbering, depth + 1);
        return ValueFormatter.Format(value, spec);
    }

    private static int IndexOutsideBrackets(string text, char target)
    {
        var inBrackets = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '[')
                inBrackets = true;
            else if (text[i] == ']')
                inBrackets = false;
            else if (text[i] == target && !inBrackets)
                return i;
        }
        return -1;
    }

    private static object? Resolve(string fieldName, CallArguments arguments, FieldNumbering numbering)
    {
        var end = 0;
        while (end < fieldName.Length && fieldName[end] is not ('.' or '['))
            end++;
        var first = fieldName[..end];
        object? value;
        if (first.Length == 0 || first.All(char.IsAsciiDigit))
        {
            var index = numbering.Next(first.Length == 0 ? null : int.Parse(first, CultureInfo.InvariantCulture));
            if (index >= arguments.Positional.Length)
                throw new ChatTemplateException($"Replacement index {index} out of range for positional args tuple");
            value = arguments.Positional[index];
        }
        else
        {
            var named = arguments.Named.Where(pair => pair.Key == first).ToArray();
            value = named.Length > 0 ? named[0].Value : throw new ChatTemplateException($"KeyError: {PyRepr.Repr(first)}");
        }
        var i = end;
        while (i < fieldName.Length)
        {
            if (fieldName[i] == '.')
            {
                var start = ++i;
                while (i < fieldName.Length && fieldName[i] is not ('.' or '['))
                    i++;
                value = ObjectAccess.GetAttribute(value, fieldName[start..i]);
            }
            else
            {
                var close = fieldName.IndexOf(']', i);
                if (close < 0)
                    throw new ChatTemplateException("Missing ']' in format string");
                var key = fieldName[(i + 1)..close];
                value = ObjectAccess.GetItem(value, key.Length > 0 && key.All(char.IsAsciiDigit) ? long.Parse(key, CultureInfo.InvariantCulture) : key);
                i = close + 1;
            }
        }
        return value;
    }
}
