using System.Text;

namespace Granary.Tokenization.Normalizers.Unicode;

/// <summary>
/// NFC / NFD / NFKC / NFKD per UAX #15. Needed because string.Normalize() does nothing under
/// InvariantGlobalization, which Granary runs with.
/// </summary>
internal static class UnicodeNormalization
{
    private const int HangulSBase = 0xAC00, HangulLBase = 0x1100, HangulVBase = 0x1161, HangulTBase = 0x11A7;
    private const int HangulLCount = 19, HangulVCount = 21, HangulTCount = 28;
    private const int HangulNCount = HangulVCount * HangulTCount, HangulSCount = HangulLCount * HangulNCount;

    public static string Normalize(string text, bool compose, bool compatibility)
    {
        var data = UnicodeNormalizationData.Instance;
        if (IsQuickYes(text, data, compose, compatibility))
        {
            return text;
        }

        var codePoints = Decompose(text, data, compatibility);
        SortCombiningMarks(codePoints, data);
        if (compose)
        {
            Compose(codePoints, data);
        }

        var builder = new StringBuilder(text.Length);
        foreach (var cp in codePoints)
        {
            builder.Append(char.ConvertFromUtf32(cp));
        }

        return builder.ToString();
    }

    // UAX #15 quick check, answering "maybe" as "no": combining marks out of order, or a character
    // that is not allowed in (or may compose into something else in) the form.
    private static bool IsQuickYes(string text, UnicodeNormalizationData data, bool compose, bool compatibility)
    {
        var lastClass = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0xA0)
            {
                lastClass = 0;
                continue;
            }

            var combiningClass = data.CombiningClass(rune.Value);
            if ((combiningClass != 0 && lastClass > combiningClass) || data.FailsQuickCheck(rune.Value, compose, compatibility))
            {
                return false;
            }

            lastClass = combiningClass;
        }

        return true;
    }

    private static List<int> Decompose(string text, UnicodeNormalizationData data, bool compatibility)
    {
        var result = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            var cp = rune.Value;
            var sIndex = cp - HangulSBase;
            if (sIndex is >= 0 and < HangulSCount)
            {
                result.Add(HangulLBase + (sIndex / HangulNCount));
                result.Add(HangulVBase + (sIndex % HangulNCount / HangulTCount));
                if (sIndex % HangulTCount != 0)
                {
                    result.Add(HangulTBase + (sIndex % HangulTCount));
                }

                continue;
            }

            var mapping = data.Decomposition(cp, compatibility);
            if (mapping is null)
            {
                result.Add(cp);
            }
            else
            {
                result.AddRange(mapping);
            }
        }

        return result;
    }

    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static void SortCombiningMarks(List<int> codePoints, UnicodeNormalizationData data)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var ccc = data.CombiningClass(codePoints[i]);
            if (ccc == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0)
            {
                var previous = data.CombiningClass(codePoints[j - 1]);
                if (previous == 0 || previous <= ccc)
                {
                    break;
                }

                (codePoints[j - 1], codePoints[j]) = (codePoints[j], codePoints[j - 1]);
                j--;
            }
        }
    }

    private static void Compose(List<int> codePoints, UnicodeNormalizationData data)
    {
        if (codePoints.Count == 0)
        {
            return;
        }

        var starterIndex = data.CombiningClass(codePoints[0]) == 0 ? 0 : -1;
        var lastClass = -1;
        var write = 1;
        for (var read = 1; read < codePoints.Count; read++)
        {
            var cp = codePoints[read];
            var ccc = data.CombiningClass(cp);
            var blocked = lastClass != -1 && (lastClass == 0 || lastClass >= ccc);
            if (starterIndex >= 0 && !blocked && TryComposePair(codePoints[starterIndex], cp, data, out var composite))
            {
                codePoints[starterIndex] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starterIndex = write;
                lastClass = -1;
            }
            else
            {
                lastClass = ccc;
            }

            codePoints[write++] = cp;
        }

        codePoints.RemoveRange(write, codePoints.Count - write);
    }

    private static bool TryComposePair(int starter, int next, UnicodeNormalizationData data, out int composite)
    {
        var lIndex = starter - HangulLBase;
        var vIndex = next - HangulVBase;
        if (lIndex is >= 0 and < HangulLCount && vIndex is >= 0 and < HangulVCount)
        {
            composite = HangulSBase + (((lIndex * HangulVCount) + vIndex) * HangulTCount);
            return true;
        }

        var sIndex = starter - HangulSBase;
        var tIndex = next - HangulTBase;
        if (sIndex is >= 0 and < HangulSCount && sIndex % HangulTCount == 0 && tIndex is > 0 and < HangulTCount)
        {
            composite = starter + tIndex;
            return true;
        }

        return data.TryCompose(starter, next, out composite);
    }
}
