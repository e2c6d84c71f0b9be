using System.Globalization;

namespace Granary.Bench.Commands;

/// <summary>Memory sizes as the server takes them: 512MiB, 2GiB, 1.5GB, or plain bytes.</summary>
internal static class ByteSizeParser
{
    private static readonly (string Suffix, double Factor)[] Units =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1),
    ];

    public static long Parse(string text, string option)
    {
        var trimmed = text.Trim();
        var (number, factor) = Units
            .Where(u => trimmed.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(u => (trimmed[..^u.Suffix.Length].Trim(), u.Factor))
            .FirstOrDefault((trimmed, 1));
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value * factor)
            ? (long)(value * factor)
            : throw new BenchException($"{option}: '{text}' is not a size (e.g. 512MiB, 2GiB)");
    }
}
