using System.Globalization;

namespace Granary.Tokenization.Patterns;

/// <summary>
/// .NET regexes see UTF-16 code units, so <c>\p{L}</c> never matches a letter outside the BMP
/// (it is two surrogates), while Oniguruma matches code points. Before matching, each
/// supplementary code point is replaced by one BMP stand-in of the same general category, and
/// match offsets are mapped back afterwards.
/// </summary>
internal static class SupplementaryFolding
{
    private static readonly char[] StandIns = BuildStandIns();

    /// <summary>Returns null when the text has no surrogates (nothing to fold).</summary>
    public static string? Fold(string text, out int[] originalOffsets)
    {
        originalOffsets = [];
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return null;
        }

        var folded = new char[text.Length];
        var offsets = new int[text.Length + 1];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            offsets[length] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                folded[length++] = StandInFor(CharUnicodeInfo.GetUnicodeCategory(codePoint));
                i++;
            }
            else
            {
                folded[length++] = text[i];
            }
        }

        offsets[length] = text.Length;
        originalOffsets = offsets;
        return new string(folded, 0, length);
    }

    public static char StandInFor(UnicodeCategory category) => StandIns[(int)category];

    private static char[] BuildStandIns()
    {
        var table = new char[30];
        table[(int)UnicodeCategory.UppercaseLetter] = '\uA640';
        table[(int)UnicodeCategory.LowercaseLetter] = '\uA641';
        table[(int)UnicodeCategory.TitlecaseLetter] = '\u01C5';
        table[(int)UnicodeCategory.ModifierLetter] = '\u02B0';
        table[(int)UnicodeCategory.OtherLetter] = '\uA000';
        table[(int)UnicodeCategory.NonSpacingMark] = '\u0300';
        table[(int)UnicodeCategory.SpacingCombiningMark] = '\u0903';
        table[(int)UnicodeCategory.EnclosingMark] = '\u20DD';
        table[(int)UnicodeCategory.DecimalDigitNumber] = '\u0660';
        table[(int)UnicodeCategory.LetterNumber] = '\u2160';
        table[(int)UnicodeCategory.OtherNumber] = '\u2460';
        table[(int)UnicodeCategory.SpaceSeparator] = '\u2000';
        table[(int)UnicodeCategory.LineSeparator] = '\u2028';
        table[(int)UnicodeCategory.ParagraphSeparator] = '\u2029';
        table[(int)UnicodeCategory.Control] = '\u0080';
        table[(int)UnicodeCategory.Format] = '\u2061';
        table[(int)UnicodeCategory.Surrogate] = '\uFFFD';
        table[(int)UnicodeCategory.PrivateUse] = '\uE000';
        table[(int)UnicodeCategory.ConnectorPunctuation] = '\u203F';
        table[(int)UnicodeCategory.DashPunctuation] = '\u2010';
        table[(int)UnicodeCategory.OpenPunctuation] = '\u2045';
        table[(int)UnicodeCategory.ClosePunctuation] = '\u2046';
        table[(int)UnicodeCategory.InitialQuotePunctuation] = '\u2039';
        table[(int)UnicodeCategory.FinalQuotePunctuation] = '\u203A';
        table[(int)UnicodeCategory.OtherPunctuation] = '\u203B';
        table[(int)UnicodeCategory.MathSymbol] = '\u2200';
        table[(int)UnicodeCategory.CurrencySymbol] = '\u20A0';
        table[(int)UnicodeCategory.ModifierSymbol] = '\u02C2';
        table[(int)UnicodeCategory.OtherSymbol] = '\u2600';
        table[(int)UnicodeCategory.OtherNotAssigned] = '\u0378';
        return table;
    }
}
