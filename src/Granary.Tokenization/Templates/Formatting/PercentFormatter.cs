using System.Globalization;
using System.Text;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>
/// Python's printf-style <c>str % args</c> (also behind Jinja's <c>format</c> filter): <c>%s %r %d %i %f %e %g
/// %x %o %c %%</c> with flags, width, precision, <c>*</c>, and <c>%(name)s</c> against a dict.
/// </summary>
internal static class PercentFormatter
{
    public static string Format(string format, object? arguments)
    {
        var positional = arguments switch
        {
            object?[] tuple => tuple,
            _ => [arguments],
        };
        var mapping = arguments as PyDict;
        // Python treats any argument with __getitem__ (dict, list, Undefined) as a possible mapping and then
        // does not complain about unused arguments.
        var mappingLike = arguments is PyDict or List<object?> or Undefined;
        var next = 0;
        var builder = new StringBuilder();
        var i = 0;
        while (i < format.Length)
        {
            var percent = format.IndexOf('%', i);
            if (percent < 0)
            {
                builder.Append(format, i, format.Length - i);
                break;
            }
            builder.Append(format, i, percent - i);
            i = percent + 1;
            if (i >= format.Length)
                throw new ChatTemplateException("incomplete format");
            object? value;
            string? key = null;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (close < 0)
                    throw new ChatTemplateException("incomplete format key");
                key = format[(i + 1)..close];
                i = close + 1;
            }
            var flags = "";
            while (i < format.Length && format[i] is '-' or '+' or ' ' or '#' or '0')
                flags += format[i++];
            var width = ReadCount(format, ref i, positional, ref next);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadCount(format, ref i, positional, ref next) ?? 0;
            }
            if (i >= format.Length)
                throw new ChatTemplateException("incomplete format");
            var type = format[i++];
            if (type == '%')
            {
                builder.Append('%');
                continue;
            }
            if (key is not null)
            {
                if (mapping is null)
                    throw new ChatTemplateException("format requires a mapping");
                value = mapping.TryGetValue(key, out var found) ? found : throw new ChatTemplateException($"KeyError: {PyRepr.Repr(key)}");
            }
            else
            {
                if (next >= positional.Length)
                    throw new ChatTemplateException("not enough arguments for format string");
                value = positional[next++];
            }
            builder.Append(Convert(value, flags, width, precision, type));
        }
        if (!mappingLike && next < positional.Length)
            throw new ChatTemplateException("not all arguments converted during string formatting");
        return builder.ToString();
    }

    private static int? ReadCount(string format, ref int i, object?[] positional, ref int next)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            if (next >= positional.Length)
                throw new ChatTemplateException("not enough arguments for format string");
            return (int)PyTypes.ToInteger(positional[next++], "* wants int");
        }
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
            i++;
        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }

    private static string Convert(object? value, string flags, int? width, int? precision, char type)
    {
        SizeLimits.EnsureGeneratedLength(Math.Max(width ?? 0, precision ?? 0), "format width or precision");
        var spec = new FormatSpec(
            Fill: flags.Contains('0') && !flags.Contains('-') && type is not ('s' or 'r' or 'a' or 'c') ? "0" : " ",
            Align: flags.Contains('-') ? '<' : (flags.Contains('0') && type is not ('s' or 'r' or 'a' or 'c') ? '=' : '>'),
            Sign: flags.Contains('+') ? '+' : flags.Contains(' ') ? ' ' : '-',
            Alternate: flags.Contains('#'),
            ZeroPad: false,
            Width: width ?? 0,
            Grouping: null,
            Precision: precision,
            Type: null);
        switch (type)
        {
            case 's' or 'r' or 'a':
                var text = type == 's' ? PyRepr.Str(value) : PyRepr.Repr(value);
                return ValueFormatter.Format(text, spec with { Sign = '-', Alternate = false }, emptySpec: false);
            case 'd' or 'i' or 'u':
                return ValueFormatter.Format(ToInteger(value, type), spec with { Type = 'd', Precision = null }, emptySpec: false);
            case 'x' or 'X' or 'o':
                return ValueFormatter.Format(ToInteger(value, type), spec with { Type = type, Precision = null }, emptySpec: false);
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G':
                if (!PyTypes.IsNumber(value))
                    throw new ChatTemplateException($"must be real number, not {PyTypes.TypeName(value)}");
                return ValueFormatter.Format(PyTypes.ToDouble(value), spec with { Type = type, Precision = precision ?? 6 }, emptySpec: false);
            case 'c':
                var character = value is string s && PyStrings.Length(s) == 1 ? s : PyStrings.FromCodePoint(PyTypes.ToInteger(value, "%c"));
                return ValueFormatter.Format(character, spec with { Sign = '-', Alternate = false, Precision = null }, emptySpec: false);
            default:
                throw new ChatTemplateException($"unsupported format character '{type}'");
        }
    }

    private static long ToInteger(object? value, char type) => value switch
    {
        long or bool => PyTypes.ToInteger(value, "value"),
        double d => (long)Math.Truncate(d),
        _ => throw new ChatTemplateException($"%{type} format: a real number is required, not {PyTypes.TypeName(value)}"),
    };
}
