using System.Globalization;
using System.Text;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>The character predicates tokenizers' pre-tokenizers use (Rust char methods).</summary>
internal static class CharacterClasses
{
    /// <summary>Rust's char::is_numeric: Nd, Nl or No.</summary>
    public static bool IsNumeric(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>ASCII punctuation or any Unicode punctuation category.</summary>
    public static bool IsPunctuation(Rune rune)
    {
        if (rune.IsAscii)
        {
            var c = (char)rune.Value;
            return c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    public static bool IsWhitespace(Rune rune) => Rune.IsWhiteSpace(rune);
}
