namespace Granary.Engine.Output;

/// <summary>
/// Finds stop strings in generated text across token boundaries, and says how much of the text's
/// tail must be held back because it could still grow into a stop string.
/// </summary>
internal sealed class StopStrings(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = stops.Where(s => s.Length > 0).ToArray();

    public bool Any => _stops.Length > 0;

    /// <summary>The longest stop string's length: no match or hold-back looks further back than this.</summary>
    public int Longest { get; } = stops.Select(s => s.Length).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The earliest stop string occurrence that ends at or after <paramref name="newTextStart"/>
    /// (earlier text was already checked), or null.
    /// </summary>
    public (int Index, string Stop)? Find(string text, int newTextStart)
    {
        (int Index, string Stop)? best = null;
        foreach (var stop in _stops)
        {
            var from = Math.Max(0, newTextStart - stop.Length + 1);
            var index = text.IndexOf(stop, from, StringComparison.Ordinal);
            if (index >= 0 && (best is null || index < best.Value.Index)) best = (index, stop);
        }
        return best;
    }

    /// <summary>Length of the longest suffix of <paramref name="text"/> that is a proper prefix of some stop string.</summary>
    public int HoldBack(string text)
    {
        var hold = 0;
        foreach (var stop in _stops)
        for (var length = Math.Min(stop.Length - 1, text.Length); length > hold; length--)
        {
            if (string.CompareOrdinal(text, text.Length - length, stop, 0, length) == 0)
            {
                hold = length;
                break;
            }
        }
        return hold;
    }
}
