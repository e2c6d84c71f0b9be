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

    // Code points that can make a string change under a given form: used by the quick check.
    private readonly BitArray _mayChangeCanonical = new(0x110000);
    private readonly BitArray _mayChangeCompatibility = new(0x110000);

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

    public bool MayChange(int codePoint, bool compatibility) =>
        compatibility ? _mayChangeCompatibility[codePoint] : _mayChangeCanonical[codePoint];

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
                MarkBoth(codePoint);
                break;
            case "D":
                _canonical[codePoint] = ParseSequence(fields);
                MarkBoth(codePoint);
                break;
            case "K":
                _compatibility[codePoint] = ParseSequence(fields);
                _mayChangeCompatibility[codePoint] = true;
                break;
            case "P":
                var second = ParseHex(fields[2]);
                _composites[((long)codePoint << 32) | (uint)second] = ParseHex(fields[3]);
                // A character that composes with what precedes it changes the string in context.
                MarkBoth(second);
                break;
        }
    }

    private void MarkHangul()
    {
        // Jamo compose algorithmically; syllables decompose algorithmically.
        for (var cp = 0x1100; cp <= 0x11FF; cp++)
        {
            MarkBoth(cp);
        }

        for (var cp = 0xAC00; cp <= 0xD7A3; cp++)
        {
            MarkBoth(cp);
        }
    }

    private void MarkBoth(int codePoint)
    {
        _mayChangeCanonical[codePoint] = true;
        _mayChangeCompatibility[codePoint] = true;
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
