using System.Globalization;
using System.Text;
using Granary.Tokenization.Templates.Runtime;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>Python's built-in <c>format(value, spec)</c> for str, int, float and bool (used by str.format and %).</summary>
internal static class ValueFormatter
{
    public static string Format(object? value, string spec) => Format(value, FormatSpec.Parse(spec), spec.Length == 0);

    public static string Format(object? value, FormatSpec spec, bool emptySpec)
    {
        switch (value)
        {
            case string text:
                return FormatString(text, spec);
            case bool b when emptySpec:
                return b ? "True" : "False";
            case bool or long:
                var integer = PyTypes.ToInteger(value, "value");
                return spec.Type is 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%' ? FormatFloat(integer, spec) : FormatInteger(integer, spec);
            case double d:
                return FormatFloat(d, spec);
            default:
                if (!emptySpec)
                    throw new ChatTemplateException($"unsupported format string passed to {PyTypes.TypeName(value)}.__format__");
                return PyRepr.Str(value);
        }
    }

    private static string FormatString(string text, FormatSpec spec)
    {
        if (spec.Type is not (null or 's'))
            throw new ChatTemplateException($"Unknown format code '{spec.Type}' for object of type 'str'");
        if (spec.Sign != '-' || spec.Alternate || spec.Grouping is not null)
            throw new ChatTemplateException("Sign, alternate form and grouping are not allowed in string format specifier");
        if (spec.Precision is { } precision && PyStrings.Length(text) > precision)
            text = text[..PyStrings.ToUtf16Index(text, precision)];
        return Align(text, "", spec, defaultAlign: '<');
    }

    private static string FormatInteger(long value, FormatSpec spec)
    {
        if (spec.Precision is not null)
            throw new ChatTemplateException("Precision not allowed in integer format specifier");
        var magnitude = value < 0 ? (ulong)-(value + 1) + 1 : (ulong)value;
        string digits;
        var prefix = "";
        switch (spec.Type)
        {
            case null or 'd' or 'n':
                digits = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
            case 'x' or 'X':
                digits = magnitude.ToString(spec.Type == 'x' ? "x" : "X", CultureInfo.InvariantCulture);
                prefix = spec.Alternate ? (spec.Type == 'x' ? "0x" : "0X") : "";
                break;
            case 'o':
                digits = Convert.ToString((long)magnitude, 8);
                prefix = spec.Alternate ? "0o" : "";
                break;
            case 'b':
                digits = Convert.ToString((long)magnitude, 2);
                prefix = spec.Alternate ? "0b" : "";
                break;
            case 'c':
                return Align(PyStrings.FromCodePoint(value), "", spec, defaultAlign: '<');
            default:
                throw new ChatTemplateException($"Unknown format code '{spec.Type}' for object of type 'int'");
        }
        digits = Group(digits, spec.Grouping, spec.Type is 'x' or 'X' or 'o' or 'b' ? 4 : 3);
        return Align(digits, SignOf(value < 0, spec) + prefix, spec, defaultAlign: '>');
    }

    private static string FormatFloat(double value, FormatSpec spec)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var magnitude = Math.Abs(value);
        string body;
        var type = spec.Type;
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            body = double.IsNaN(value) ? "nan" : "inf";
            if (type is 'F' or 'E' or 'G')
                body = body.ToUpperInvariant();
            if (type == '%')
                body += "%";
            return Align(body, SignOf(negative && !double.IsNaN(value), spec), spec with { ZeroPad = false }, defaultAlign: '>');
        }
        switch (type)
        {
            case 'f' or 'F':
                body = Fixed(magnitude, spec.Precision ?? 6, spec.Alternate);
                break;
            case 'e' or 'E':
                body = Scientific(magnitude, spec.Precision ?? 6, spec.Alternate, type == 'E');
                break;
            case 'g' or 'G' or 'n':
                body = General(magnitude, spec.Precision ?? 6, spec.Alternate, type == 'G', addDotZero: false);
                break;
            case '%':
                body = Fixed(magnitude * 100, spec.Precision ?? 6, spec.Alternate) + "%";
                break;
            case null:
                body = spec.Precision is { } precision
                    ? General(magnitude, precision, spec.Alternate, upper: false, addDotZero: true)
                    : PyFloatFormatter.Repr(magnitude);
                break;
            default:
                throw new ChatTemplateException($"Unknown format code '{type}' for object of type 'float'");
        }
        var dot = body.IndexOfAny(['.', 'e', 'E', '%']);
        var integerPart = dot < 0 ? body : body[..dot];
        body = Group(integerPart, spec.Grouping, 3) + (dot < 0 ? "" : body[dot..]);
        return Align(body, SignOf(negative, spec), spec, defaultAlign: '>');
    }

    public static string Fixed(double magnitude, int precision, bool alternate)
    {
        var text = magnitude.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return alternate && precision == 0 ? text + "." : text;
    }

    public static string Scientific(double magnitude, int precision, bool alternate, bool upper)
    {
        var text = magnitude.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = text[..e];
        if (alternate && precision == 0)
            mantissa += ".";
        return mantissa + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Python's 'g': significant digits, scientific outside 1e-4..1e<c>precision</c>, trailing zeros removed.</summary>
    private static string General(double magnitude, int precision, bool alternate, bool upper, bool addDotZero)
    {
        if (precision == 0)
            precision = 1;
        if (magnitude == 0)
            return alternate ? "0." + new string('0', precision - 1) : addDotZero ? "0.0" : "0";
        var rounded = magnitude.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var exponent = int.Parse(rounded.AsSpan(rounded.IndexOf('E') + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string text;
        if (exponent >= -4 && exponent < precision)
        {
            text = Fixed(magnitude, precision - 1 - exponent, alternate);
            if (!alternate)
                text = TrimFraction(text);
            if (addDotZero && !text.Contains('.'))
                text += ".0";
            return text;
        }
        text = Scientific(magnitude, precision - 1, alternate, upper);
        if (alternate)
            return text;
        var e = text.IndexOfAny(['e', 'E']);
        return TrimFraction(text[..e]) + text[e..];
    }

    private static string TrimFraction(string text) => text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;

    private static string SignOf(bool negative, FormatSpec spec) => negative ? "-" : spec.Sign switch
    {
        '+' => "+",
        ' ' => " ",
        _ => "",
    };

    private static string Group(string digits, char? separator, int size)
    {
        if (separator is null || digits.Length <= size)
            return digits;
        var builder = new StringBuilder();
        var first = digits.Length % size;
        if (first > 0)
            builder.Append(digits, 0, first);
        for (var i = first; i < digits.Length; i += size)
        {
            if (builder.Length > 0)
                builder.Append(separator.Value);
            builder.Append(digits, i, size);
        }
        return builder.ToString();
    }

    private static string Align(string body, string sign, FormatSpec spec, char defaultAlign)
    {
        var align = spec.Align ?? (spec.ZeroPad ? '=' : defaultAlign);
        var fill = spec.Fill ?? (spec.ZeroPad && spec.Align is null ? "0" : " ");
        if (align == '=')
            return sign + TextPadding.Pad(body, spec.Width - PyStrings.Length(sign), fill, '>');
        return TextPadding.Pad(sign + body, spec.Width, fill, align, formatCentering: true);
    }
}
