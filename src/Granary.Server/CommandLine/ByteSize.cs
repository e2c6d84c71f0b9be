using System.Globalization;

namespace Granary.Server.CommandLine;

/// <summary>Parses sizes like 512MiB, 2GiB, 1.5GB or a plain byte count.</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1),
    ];

    public static long Parse(string text)
    {
        var trimmed = text.Trim();
        foreach (var (suffix, factor) in Units)
        {
            if (!trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            var number = trimmed[..^suffix.Length].Trim();
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
                return (long)(value * factor);
            break;
        }
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new FormatException($"'{text}' is not a size (e.g. 512MiB, 2GiB)");
    }
}
