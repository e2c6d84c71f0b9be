namespace Granary.Tokenization.Templates.Formatting;

/// <summary>
/// Python's format specification mini-language: <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c>.
/// </summary>
internal sealed record FormatSpec(
    string? Fill,
    char? Align,
    char Sign,
    bool Alternate,
    bool ZeroPad,
    int Width,
    char? Grouping,
    int? Precision,
    char? Type)
{
    public static readonly FormatSpec Empty = new(null, null, '-', false, false, 0, null, null, null);

    public static FormatSpec Parse(string spec)
    {
        if (spec.Length == 0)
            return Empty;
        var i = 0;
        string? fill = null;
        char? align = null;
        if (spec.Length >= 2 && IsAlign(spec[1]))
        {
            fill = spec[0].ToString();
            align = spec[1];
            i = 2;
        }
        else if (IsAlign(spec[0]))
        {
            align = spec[0];
            i = 1;
        }
        var sign = '-';
        if (i < spec.Length && spec[i] is '+' or '-' or ' ')
            sign = spec[i++];
        var alternate = i < spec.Length && spec[i] == '#';
        if (alternate)
            i++;
        var zeroPad = i < spec.Length && spec[i] == '0';
        if (zeroPad)
            i++;
        var width = ReadNumber(spec, ref i) ?? 0;
        char? grouping = i < spec.Length && spec[i] is ',' or '_' ? spec[i++] : null;
        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            precision = ReadNumber(spec, ref i) ?? throw new ChatTemplateException("Format specifier missing precision");
        }
        char? type = i < spec.Length ? spec[i++] : null;
        if (i < spec.Length)
            throw new ChatTemplateException("Invalid format specifier");
        Runtime.SizeLimits.EnsureGeneratedLength(Math.Max(width, precision ?? 0), "format specifier");
        return new FormatSpec(fill, align, sign, alternate, zeroPad, width, grouping, precision, type);
    }

    private static bool IsAlign(char c) => c is '<' or '>' or '^' or '=';

    private static int? ReadNumber(string spec, ref int i)
    {
        var start = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            i++;
        if (i == start)
            return null;
        // Absurd widths are refused by the size limit rather than overflowing.
        return long.TryParse(spec.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture, out var number) && number <= int.MaxValue
            ? (int)number
            : int.MaxValue;
    }
}
