using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.Tests.Patterns;

public sealed class RegexPatternTests
{
    private const string Llama3 = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [Theory]
    [InlineData("Hello world", new[] { "Hello", " world" })]
    [InlineData("I'M here", new[] { "I", "'M", " here" })]
    [InlineData("1234567", new[] { "123", "456", "7" })]
    [InlineData("a  \n\nb", new[] { "a", "  \n\n", "b" })]
    [InlineData("x   y", new[] { "x", "  ", " y" })]
    // Oniguruma matches code points: an emoji is one "non-letter" and a supplementary letter is a letter.
    [InlineData("😀abc", new[] { "😀abc" })]
    [InlineData("x𠀀𠀁y", new[] { "x𠀀𠀁y" })]
    [InlineData("𝟙𝟚𝟛𝟜", new[] { "𝟙𝟚𝟛", "𝟜" })]
    public void SplitsLikeOniguruma(string text, string[] expected)
    {
        var segments = new List<PatternSegment>();
        new RegexPattern(Llama3).FindSegments(text, segments);
        Assert.All(segments, s => Assert.True(s.IsMatch));
        Assert.Equal(expected, segments.Select(s => text[s.Start..s.End]));
    }

    [Theory]
    [InlineData(@"\p{Letter}+", @"\p{L}+")]
    [InlineData(@"\pN{,3}", @"\p{N}{0,3}")]
    [InlineData(@"[\p{^L}]", @"[\P{L}]")]
    [InlineData(@"\h+", "[0-9a-fA-F]+")]
    [InlineData(@"\x{41}", @"\u0041")]
    [InlineData(@"\w", @"[\p{L}\p{M}\p{Nd}\p{Pc}]")]
    public void TranslatesOnigurumaSyntax(string pattern, string expected) =>
        Assert.Equal(expected, OnigurumaTranslator.Translate(pattern).DotNetPattern);

    [Theory]
    [InlineData(@"a++", "possessive")]
    [InlineData(@"\p{Han}+", "Han")]
    [InlineData(@"[[:alpha:]]", "POSIX")]
    [InlineData(@"\X", @"\X")]
    public void RefusesWhatDotNetCannotExpress(string pattern, string named)
    {
        var error = Assert.Throws<TokenizerException>(() => OnigurumaTranslator.Translate(pattern));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandInsHaveTheCategoryTheyStandFor()
    {
        foreach (var category in Enum.GetValues<System.Globalization.UnicodeCategory>().Where(c => c != System.Globalization.UnicodeCategory.Surrogate))
        {
            Assert.Equal(category, char.GetUnicodeCategory(SupplementaryFolding.StandInFor(category)));
        }
    }
}
