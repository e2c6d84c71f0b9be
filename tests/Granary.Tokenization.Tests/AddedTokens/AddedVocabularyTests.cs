using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Normalizers;

namespace Granary.Tokenization.Tests.AddedTokens;

public sealed class AddedVocabularyTests
{
    [Fact]
    public void LongestTokenWinsAtTheLeftmostPosition()
    {
        var vocabulary = Vocabulary(new AddedToken(1, "<s>"), new AddedToken(2, "<s>x"));
        Assert.Equal(["a", "<s>x", "y<s"], Splits(vocabulary, "a<s>xy<s"));
    }

    [Fact]
    public void LStripSwallowsWhitespaceBefore() =>
        Assert.Equal(["Hello", "   <mask>", " x"], Splits(Vocabulary(new AddedToken(1, "<mask>") { LStrip = true }), "Hello   <mask> x"));

    [Fact]
    public void RStripSwallowsWhitespaceAfter() =>
        Assert.Equal(["a ", "<mask>  ", "x"], Splits(Vocabulary(new AddedToken(1, "<mask>") { RStrip = true }), "a <mask>  x"));

    [Fact]
    public void SingleWordTokensOnlyMatchOutsideWords() =>
        Assert.Equal(["xab ", "ab", "!"], Splits(Vocabulary(new AddedToken(1, "ab") { SingleWord = true }), "xab ab!"));

    [Fact]
    public void NormalizedTokensAreFoundInNormalizedText()
    {
        var vocabulary = new AddedVocabulary([new AddedToken(1, "hello") { Normalized = true }], new LowercaseNormalizer(), splitSpecialTokens: false);
        var splits = vocabulary.ExtractAndNormalize("Say HELLO now");
        Assert.Equal(["say ", "hello", " now"], splits.Select(s => s.Text));
        Assert.Equal(1, splits[1].AddedTokenId);
    }

    [Fact]
    public void SplitSpecialTokensLeavesSpecialTokensAsText()
    {
        var tokens = new[] { new AddedToken(1, "<s>") { Special = true }, new AddedToken(2, "<tool>") };
        var vocabulary = new AddedVocabulary(tokens, null, splitSpecialTokens: true);
        var splits = vocabulary.ExtractAndNormalize("<s>a<tool>");
        Assert.Equal(["<s>a", "<tool>"], splits.Select(s => s.Text));
        Assert.Equal(2, splits[1].AddedTokenId);
    }

    [Fact]
    public void SplitsRememberWhetherTheyStartTheText()
    {
        var splits = Vocabulary(new AddedToken(1, "<s>")).ExtractAndNormalize("<s>a<s>b");
        Assert.Equal([true, false, false, false], splits.Select(s => s.StartsAtOrigin));
    }

    private static AddedVocabulary Vocabulary(params AddedToken[] tokens) => new(tokens, null, splitSpecialTokens: false);

    private static string[] Splits(AddedVocabulary vocabulary, string text) =>
        vocabulary.ExtractAndNormalize(text).Select(s => s.Text).ToArray();
}
