using System.Globalization;
using Granary.Structured.Text;

namespace Granary.Structured.Regex;

/// <summary>The shorthand classes under every flavour's reading (see <see cref="RegexCharClass"/>).</summary>
internal static class UnicodeClasses
{
    private static readonly Lazy<RegexCharClass> LazyDigit = new(() => new RegexCharClass(
        CodePointSet.Range('0', '9'),
        Categories(UnicodeCategory.DecimalDigitNumber).Union(CodePointSet.Range('0', '9'))));

    private static readonly Lazy<RegexCharClass> LazyWord = new(() => new RegexCharClass(
        AsciiWord,
        AsciiWord.Union(Categories(
            UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter,
            UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter, UnicodeCategory.NonSpacingMark,
            UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark, UnicodeCategory.DecimalDigitNumber,
            UnicodeCategory.LetterNumber, UnicodeCategory.OtherNumber, UnicodeCategory.ConnectorPunctuation))));

    // ECMA-262 and .NET agree on these; the broad reading adds what only one of ECMA, .NET or Python counts.
    private static readonly CodePointSet CommonSpace = CodePointSet.FromRanges(
        [('\t', '\r'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)]);

    private static readonly RegexCharClass SpaceClass = new(
        CommonSpace,
        CommonSpace.Union(CodePointSet.FromRanges([(0x1C, 0x1F), (0x85, 0x85), (0xFEFF, 0xFEFF)])));

    private static CodePointSet AsciiWord => CodePointSet.FromRanges([('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]);

    public static RegexCharClass Digit => LazyDigit.Value;

    public static RegexCharClass Word => LazyWord.Value;

    public static RegexCharClass Space => SpaceClass;

    /// <summary><c>.</c>: no flavour's line terminator (ECMA excludes \n \r U+2028 U+2029; Python and .NET only \n), BMP only.</summary>
    public static RegexCharClass AnyButNewline { get; } = RegexCharClass.Exact(
        CodePointSet.BmpScalars.Subtract(CodePointSet.Of('\n', '\r', 0x2028, 0x2029)));

    private static CodePointSet Categories(params UnicodeCategory[] categories)
    {
        var ranges = new List<(int, int)>();
        for (var codePoint = 0; codePoint <= CodePointSet.MaxCodePoint; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            if (Array.IndexOf(categories, CharUnicodeInfo.GetUnicodeCategory(codePoint)) >= 0)
            {
                ranges.Add((codePoint, codePoint));
            }
        }

        return CodePointSet.FromRanges(ranges);
    }
}
