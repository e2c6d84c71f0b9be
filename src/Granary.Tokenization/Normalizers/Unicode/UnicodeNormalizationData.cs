using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Granary.Tokenization.Normalizers.Unicode;

/// <summary>
/// Decomposition, combining-class and composition tables, read once from the embedded
/// normalization-data.txt (see generate_normalization_data.py next to it).
/// </summary>
internal sealed class UnicodeNormalizationData
{
    private const string ResourceName = "Granary.Tokenization.normalization-data.txt";

    private static readonly Lazy<UnicodeNormalizationData> LazyInstance = new(Load);

    private readonly Dictionary<int, byte> _combiningClass = new();
    private readonly Dictionary<int, int[]> _canonical = new();
    private readonly Dictionary<int, int[]> _compatibility = new();
    private readonly Dictionary<long, int> _composites = new();

    // Quick-check tables (UAX #15 "No"/"Maybe"): a string whose characters avoid them is already normalized.
    private readonly BitArray _notInNfc = new(0x110000);
    private readonly BitArray _notInNfkc = new(0x110000);
    private readonly BitArray _decomposesCanonically = new(0x110000);
    private readonly BitArray _decomposesCompatibly = new(0x110000);
    private readonly BitArray _composesWithPrevious = new(0x110000);

    public static UnicodeNormalizationData Instance => LazyInstance.Value;

    public byte CombiningClass(int codePoint) =>
        _combiningClass.TryGetValue(codePoint, out var ccc) ? ccc : (byte)0;

    public int[]? Decomposition(int codePoint, bool compatibility)
    {
        if (compatibility && _compatibility.TryGetValue(codePoint, out var compat))
        {
            return compat;
        }

        return _canonical.TryGetValue(codePoint, out var canonical) ? canonical : null;
    }

    public bool TryCompose(int first, int second, out int composite) =>
        _composites.TryGetValue(((long)first << 32) | (uint)second, out composite);

    /// <summary>True when the character alone can make a string not normalized in the form (ordering aside).</summary>
    public bool FailsQuickCheck(int codePoint, bool compose, bool compatibility) => compose
        ? (compatibility ? _notInNfkc[codePoint] : _notInNfc[codePoint]) || _composesWithPrevious[codePoint]
        : compatibility ? _decomposesCompatibly[codePoint] : _decomposesCanonically[codePoint];

    private static UnicodeNormalizationData Load()
    {
        using var stream = typeof(UnicodeNormalizationData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new TokenizerException($"Embedded resource '{ResourceName}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        var data = new UnicodeNormalizationData();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            data.AddLine(line.Split(' '));
        }

        data.MarkHangul();
        return data;
    }

    private void AddLine(string[] fields)
    {
        var codePoint = ParseHex(fields[1]);
        switch (fields[0])
        {
            case "C":
                _combiningClass[codePoint] = byte.Parse(fields[2], CultureInfo.InvariantCulture);
                break;
            case "D":
                _canonical[codePoint] = ParseSequence(fields);
                _decomposesCanonically[codePoint] = true;
                _decomposesCompatibly[codePoint] = true;
                break;
            case "K":
                _compatibility[codePoint] = ParseSequence(fields);
                _decomposesCompatibly[codePoint] = true;
                break;
            case "P":
                var second = ParseHex(fields[2]);
                _composites[((long)codePoint << 32) | (uint)second] = ParseHex(fields[3]);
                _composesWithPrevious[second] = true;
                break;
            case "Q":
                _notInNfc[codePoint] = fields[2].Contains('C');
                _notInNfkc[codePoint] = fields[2].Contains('K');
                break;
        }
    }

    private void MarkHangul()
    {
        // Vowel and trailing jamo compose with what precedes them; syllables decompose (all algorithmically).
        for (var cp = 0x1161; cp <= 0x11C2; cp++)
        {
            _composesWithPrevious[cp] = true;
        }

        for (var cp = 0xAC00; cp <= 0xD7A3; cp++)
        {
            _decomposesCanonically[cp] = true;
            _decomposesCompatibly[cp] = true;
        }
    }

    private static int[] ParseSequence(string[] fields)
    {
        var result = new int[fields.Length - 2];
        for (var i = 2; i < fields.Length; i++)
        {
            result[i - 2] = ParseHex(fields[i]);
        }

        return result;
    }

    private static int ParseHex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
