using System.Globalization;
using System.Text;

namespace Granary.Tokenization.Templates.Formatting;

/// <summary>
/// Python's <c>datetime.strftime</c> in the C locale (what HF's <c>strftime_now</c> produces on Linux), for a
/// naive local time: the usual directives plus glibc's <c>%-d</c> style no-padding flag. Unknown directives are
/// copied through, as glibc does.
/// </summary>
internal static class StrftimeFormatter
{
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTime time, string format)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }
            var noPadding = format[i + 1] == '-' && i + 2 < format.Length;
            var directive = noPadding ? format[i + 2] : format[i + 1];
            var expansion = Expand(time, directive);
            if (expansion is null)
            {
                builder.Append(format, i, noPadding ? 3 : 2);
            }
            else
            {
                builder.Append(noPadding ? TrimPadding(expansion) : expansion);
            }
            i += noPadding ? 2 : 1;
        }
        return builder.ToString();
    }

    private static string TrimPadding(string text)
    {
        var trimmed = text.TrimStart('0', ' ');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static string? Expand(DateTime time, char directive) => directive switch
    {
        'a' => DayNames[(int)time.DayOfWeek][..3],
        'A' => DayNames[(int)time.DayOfWeek],
        'b' or 'h' => MonthNames[time.Month - 1][..3],
        'B' => MonthNames[time.Month - 1],
        'd' => Two(time.Day),
        'e' => time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
        'm' => Two(time.Month),
        'Y' => time.Year.ToString(CultureInfo.InvariantCulture),
        'y' => Two(time.Year % 100),
        'C' => Two(time.Year / 100),
        'H' => Two(time.Hour),
        'I' => Two(time.Hour % 12 == 0 ? 12 : time.Hour % 12),
        'M' => Two(time.Minute),
        'S' => Two(time.Second),
        'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture),
        'p' => time.Hour < 12 ? "AM" : "PM",
        'j' => time.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
        'w' => ((int)time.DayOfWeek).ToString(CultureInfo.InvariantCulture),
        'u' => (time.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)time.DayOfWeek).ToString(CultureInfo.InvariantCulture),
        'U' => Two((time.DayOfYear + 6 - (int)time.DayOfWeek) / 7),
        'W' => Two((time.DayOfYear + 6 - (((int)time.DayOfWeek + 6) % 7)) / 7),
        'V' => Two(ISOWeek.GetWeekOfYear(time)),
        'G' => ISOWeek.GetYear(time).ToString(CultureInfo.InvariantCulture),
        'D' => Format(time, "%m/%d/%y"),
        'F' => Format(time, "%Y-%m-%d"),
        'T' => Format(time, "%H:%M:%S"),
        'R' => Format(time, "%H:%M"),
        'r' => Format(time, "%I:%M:%S %p"),
        'c' => Format(time, "%a %b %e %H:%M:%S %Y"),
        'x' => Format(time, "%m/%d/%y"),
        'X' => Format(time, "%H:%M:%S"),
        'z' or 'Z' => "",
        'n' => "\n",
        't' => "\t",
        '%' => "%",
        _ => null,
    };

    private static string Two(int value) => value.ToString("00", CultureInfo.InvariantCulture);
}
