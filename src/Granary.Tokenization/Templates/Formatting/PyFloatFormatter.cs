using System.Globalization;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>
/// Python's <c>repr(float)</c>: the shortest digits that round-trip, positional between 1e-4 and 1e16,
/// otherwise scientific with a two-digit exponent (<c>1e-05</c>, <c>1.5e+20</c>), and always a <c>.0</c>.
/// </summary>
internal static class PyFloatFormatter
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        if (value == 0)
            return double.IsNegative(value) ? "-0.0" : "0.0";

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : "";
        if (pointPosition is > -4 and <= 16)
            return sign + Positional(digits, pointPosition);
        var exponent = pointPosition - 1;
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The shortest round-trip decimal digits of a positive finite value and the position of the decimal point
    /// relative to them (value = 0.DIGITS × 10^pointPosition).
    /// </summary>
    public static (string Digits, int PointPosition) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var integerPart = dot >= 0 ? text[..dot] : text;
        var fraction = dot >= 0 ? text[(dot + 1)..] : "";
        var digits = integerPart + fraction;
        var pointPosition = integerPart.Length + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
            leadingZeros++;
        digits = digits[leadingZeros..];
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, pointPosition);
    }

    private static string Positional(string digits, int pointPosition)
    {
        if (pointPosition <= 0)
            return "0." + new string('0', -pointPosition) + digits;
        if (pointPosition >= digits.Length)
            return digits + new string('0', pointPosition - digits.Length) + ".0";
        return digits[..pointPosition] + "." + digits[pointPosition..];
    }
}
