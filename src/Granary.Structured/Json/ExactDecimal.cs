using System.Globalization;
using System.Numerics;

namespace Granary.Structured.Json;

/// <summary>A JSON number read exactly (no double rounding): sign, integer digits, fraction digits.</summary>
internal readonly record struct ExactDecimal(bool Negative, BigInteger Magnitude, int Scale)
{
    /// <summary>Integer digits of the magnitude, "0" for less than one.</summary>
    public string IntegerDigits => BigInteger.Divide(Magnitude, BigInteger.Pow(10, Scale)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Fraction digits without trailing zeros ("" for an integer).</summary>
    public string FractionDigits
    {
        get
        {
            if (Scale == 0)
            {
                return "";
            }

            var fraction = BigInteger.Remainder(Magnitude, BigInteger.Pow(10, Scale)).ToString(CultureInfo.InvariantCulture).PadLeft(Scale, '0');
            return fraction.TrimEnd('0');
        }
    }

    public static ExactDecimal Parse(string jsonNumber, string keyword)
    {
        var text = jsonNumber.Trim();
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var exponentAt = body.IndexOfAny(['e', 'E']);
        var exponent = 0;
        if (exponentAt >= 0)
        {
            if (!int.TryParse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 400)
            {
                throw new StructuredOutputException($"{keyword}: the number {jsonNumber} is out of range.", keyword);
            }

            body = body[..exponentAt];
        }

        var point = body.IndexOf('.');
        var digits = point < 0 ? body : body[..point] + body[(point + 1)..];
        var scale = (point < 0 ? 0 : body.Length - point - 1) - exponent;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new StructuredOutputException($"{keyword}: {jsonNumber} is not a number.", keyword);
        }

        var magnitude = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (scale < 0)
        {
            magnitude *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        while (scale > 0 && (magnitude % 10).IsZero)
        {
            magnitude /= 10;
            scale--;
        }

        return new ExactDecimal(negative && !magnitude.IsZero, magnitude, scale);
    }

    public static ExactDecimal FromInteger(BigInteger value) => new(value.Sign < 0, BigInteger.Abs(value), 0);

    public int CompareTo(ExactDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        var left = Magnitude * BigInteger.Pow(10, scale - Scale) * (Negative ? -1 : 1);
        var right = other.Magnitude * BigInteger.Pow(10, scale - other.Scale) * (other.Negative ? -1 : 1);
        return left.CompareTo(right);
    }

    /// <summary>The smallest integer at or above the value.</summary>
    public BigInteger Ceiling()
    {
        var whole = BigInteger.Divide(Magnitude, BigInteger.Pow(10, Scale));
        var exact = Scale == 0 || (Magnitude % BigInteger.Pow(10, Scale)).IsZero;
        return Negative ? -whole : exact ? whole : whole + 1;
    }

    /// <summary>The largest integer at or below the value.</summary>
    public BigInteger Floor()
    {
        var whole = BigInteger.Divide(Magnitude, BigInteger.Pow(10, Scale));
        var exact = Scale == 0 || (Magnitude % BigInteger.Pow(10, Scale)).IsZero;
        return Negative ? (exact ? -whole : -whole - 1) : whole;
    }

    public ExactDecimal Abs() => this with { Negative = false };
}
