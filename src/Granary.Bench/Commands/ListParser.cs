using System.Globalization;

namespace Granary.Bench.Commands;

/// <summary>Parses the comma lists of sweep options: "1,4,16" and "0.5,2,inf".</summary>
internal static class ListParser
{
    public static int[] PositiveIntegers(string text, string option) => Items(text, option)
        .Select(item => int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BenchException($"{option}: '{item}' is not a positive whole number"))
        .ToArray();

    /// <summary>Positive rates; "inf" is infinity (every request at once).</summary>
    public static double[] Rates(string text, string option) => Items(text, option)
        .Select(item => item.Equals("inf", StringComparison.OrdinalIgnoreCase) ? double.PositiveInfinity
            : double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
                ? value
                : throw new BenchException($"{option}: '{item}' is not a positive rate or 'inf'"))
        .ToArray();

    /// <summary>Percentiles in (0, 100].</summary>
    public static double[] Percentiles(string text, string option) => Items(text, option)
        .Select(item => double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 100
            ? value
            : throw new BenchException($"{option}: '{item}' is not a percentile in (0, 100]"))
        .Distinct()
        .Order()
        .ToArray();

    private static string[] Items(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > 0 ? items : throw new BenchException($"{option} needs at least one value");
    }
}
