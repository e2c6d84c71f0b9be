using System.Globalization;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Python's <c>int(text, base)</c> and <c>float(text)</c> parsing rules (whitespace, signs, underscores, inf/nan).</summary>
internal static class PyNumberParser
{
    public static bool TryParseInt(string text, int radix, out long value)
    {
        value = 0;
        var s = PyStrings.Strip(text, null, left: true, right: true);
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length > 1 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            var prefixRadix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            if (radix != 0 && radix != prefixRadix)
                return false;
            radix = prefixRadix;
            s = s[2..].StartsWith('_') ? s[3..] : s[2..];
        }
        if (radix == 0)
            radix = 10;
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
            return false;
        try
        {
            foreach (var c in s)
            {
                if (c == '_')
                    continue;
                var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                if (digit >= radix)
                    return false;
                value = checked((value * radix) + digit);
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        if (negative)
            value = -value;
        return true;
    }

    public static bool TryParseFloat(string text, out double value)
    {
        var s = PyStrings.Strip(text, null, left: true, right: true);
        var unsigned = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        var sign = s.StartsWith('-') ? -1.0 : 1.0;
        switch (unsigned.ToLowerInvariant())
        {
            case "inf" or "infinity":
                value = sign * double.PositiveInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
        }
        value = 0;
        if (unsigned.Length == 0 || unsigned[0] == '_' || unsigned[^1] == '_' || unsigned.Contains("__", StringComparison.Ordinal)
            || !unsigned.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-' or '_'))
            return false;
        return double.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
