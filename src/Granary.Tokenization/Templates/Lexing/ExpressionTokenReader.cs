using System.Globalization;

namespace Granary.Tokenization.Templates.Lexing;

/// <summary>Reads one token inside a tag: a name, a number, a string literal or an operator.</summary>
internal static class ExpressionTokenReader
{
    // Longest first, as in Jinja's operator regex.
    private static readonly string[] TwoCharOperators = ["//", "**", "==", "!=", ">=", "<="];
    private const string OneCharOperators = "+-/*%~[](){}><=.:|,;";

    /// <summary>Reads the token at <paramref name="position"/> and advances past it.</summary>
    public static Token Read(string source, ref int position, int line)
    {
        var c = source[position];
        if (char.IsAsciiDigit(c))
            return ReadNumber(source, ref position, line);
        if (c == '_' || char.IsLetter(c))
        {
            var start = position;
            while (position < source.Length && (source[position] == '_' || char.IsLetterOrDigit(source[position])))
                position++;
            var name = source[start..position];
            return new Token(TokenKind.Name, name, line);
        }
        if (c is '\'' or '"')
            return ReadString(source, ref position, line);
        foreach (var symbol in TwoCharOperators)
        {
            if (string.CompareOrdinal(source, position, symbol, 0, 2) == 0)
            {
                position += 2;
                return new Token(TokenKind.Operator, symbol, line);
            }
        }
        if (OneCharOperators.Contains(c))
        {
            position++;
            return new Token(TokenKind.Operator, c.ToString(), line);
        }
        throw new ChatTemplateException(line, $"unexpected char {Runtime.PyRepr.QuoteString(c.ToString())} at {position}");
    }

    private static Token ReadString(string source, ref int position, int line)
    {
        var quote = source[position];
        var start = position + 1;
        var i = start;
        while (i < source.Length && source[i] != quote)
            i += source[i] == '\\' ? 2 : 1;
        if (i >= source.Length)
            throw new ChatTemplateException(line, "unexpected end of string literal");
        var body = source[start..i];
        position = i + 1;
        try
        {
            return new Token(TokenKind.String, source[(start - 1)..position], line, StringLiteralDecoder.Decode(body));
        }
        catch (FormatException error)
        {
            throw new ChatTemplateException(line, error.Message);
        }
    }

    private static Token ReadNumber(string source, ref int position, int line)
    {
        var start = position;
        if (source[position] == '0' && position + 1 < source.Length && char.ToLowerInvariant(source[position + 1]) is 'x' or 'o' or 'b')
            return ReadPrefixedInteger(source, ref position, line);
        SkipDigits(source, ref position);
        var isFloat = false;
        var precededByDot = start > 0 && source[start - 1] == '.';
        if (!precededByDot && position + 1 < source.Length && source[position] == '.' && char.IsAsciiDigit(source[position + 1]))
        {
            position++;
            SkipDigits(source, ref position);
            isFloat = true;
        }
        if (!precededByDot && position < source.Length && source[position] is 'e' or 'E')
        {
            var exponent = position + 1;
            if (exponent < source.Length && source[exponent] is '+' or '-')
                exponent++;
            if (exponent < source.Length && char.IsAsciiDigit(source[exponent]))
            {
                position = exponent;
                SkipDigits(source, ref position);
                isFloat = true;
            }
        }
        var text = source[start..position];
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (isFloat)
            return new Token(TokenKind.Float, text, line, double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new ChatTemplateException(line, $"integer literal {text} does not fit in 64 bits");
        return new Token(TokenKind.Integer, text, line, value);
    }

    private static Token ReadPrefixedInteger(string source, ref int position, int line)
    {
        var start = position;
        var radix = char.ToLowerInvariant(source[position + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
        position += 2;
        long value = 0;
        var digitCount = 0;
        while (position < source.Length)
        {
            var c = char.ToLowerInvariant(source[position]);
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c == '_' ? -2 : -1;
            if (digit == -2)
            {
                position++;
                continue;
            }
            if (digit < 0 || digit >= radix)
                break;
            value = checked((value * radix) + digit);
            digitCount++;
            position++;
        }
        if (digitCount == 0)
            throw new ChatTemplateException(line, $"invalid integer literal {source[start..position]}");
        return new Token(TokenKind.Integer, source[start..position], line, value);
    }

    private static void SkipDigits(string source, ref int position)
    {
        while (position < source.Length && (char.IsAsciiDigit(source[position])
            || (source[position] == '_' && position + 1 < source.Length && char.IsAsciiDigit(source[position + 1]))))
            position++;
    }
}
