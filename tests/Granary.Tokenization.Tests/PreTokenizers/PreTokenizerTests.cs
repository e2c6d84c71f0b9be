using System.Text.Json;
using Granary.Tokenization.PreTokenizers;

namespace Granary.Tokenization.Tests.PreTokenizers;

public sealed class PreTokenizerTests
{
    [Theory]
    [InlineData("Removed", false, "How are you doing?", new[] { "How", "are", "you", "doing?" })]
    [InlineData("Isolated", false, "How are you doing?", new[] { "How", " ", "are", " ", "you", " ", "doing?" })]
    [InlineData("MergedWithPrevious", false, "How are you doing?", new[] { "How ", "are ", "you ", "doing?" })]
    [InlineData("MergedWithNext", false, "How are you doing?", new[] { "How", " are", " you", " doing?" })]
    [InlineData("Contiguous", false, "a  b c", new[] { "a", "  ", "b", " ", "c" })]
    [InlineData("Removed", true, "a b", new[] { " " })]
    [InlineData("Isolated", true, "a b", new[] { "a", " ", "b" })]
    public void SplitOnALiteralFollowsTheBehavior(string behavior, bool invert, string text, string[] expected) =>
        Assert.Equal(expected, Run($$"""{"type": "Split", "pattern": {"String": " "}, "behavior": "{{behavior}}", "invert": {{(invert ? "true" : "false")}}}""", text));

    [Fact]
    public void SplitOnARegexIsolatesMatches() =>
        Assert.Equal(["ab", "12", "cd", "3"], Run("""{"type": "Split", "pattern": {"Regex": "\\d+"}, "behavior": "Isolated", "invert": false}""", "ab12cd3"));

    [Theory]
    [InlineData(true, true, "Hello world!", new[] { "ĠHello", "Ġworld", "!" })]
    [InlineData(false, true, "Hello world!", new[] { "Hello", "Ġworld", "!" })]
    [InlineData(false, false, "Hello world!", new[] { "HelloĠworld!" })]
    [InlineData(false, false, "é\n", new[] { "Ã©Ċ" })]
    public void ByteLevelMapsBytesAndOptionallySplits(bool addPrefixSpace, bool useRegex, string text, string[] expected) =>
        Assert.Equal(expected, Run($$"""{"type": "ByteLevel", "add_prefix_space": {{(addPrefixSpace ? "true" : "false")}}, "trim_offsets": true, "use_regex": {{(useRegex ? "true" : "false")}}}""", text));

    [Theory]
    [InlineData("always", true, "Hey friend", new[] { "▁Hey", "▁friend" })]
    [InlineData("always", true, "  x", new[] { "▁", "▁x" })]
    [InlineData("never", true, "Hey friend", new[] { "Hey", "▁friend" })]
    [InlineData("first", false, "Hey friend", new[] { "▁Hey▁friend" })]
    public void MetaspaceReplacesSpacesAndPrepends(string scheme, bool split, string text, string[] expected) =>
        Assert.Equal(expected, Run($$"""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "{{scheme}}", "split": {{(split ? "true" : "false")}}}""", text));

    [Fact]
    public void MetaspaceFirstSchemePrependsOnlyToTheSplitAtTheStartOfTheText()
    {
        var splits = new List<PreToken> { PreToken.FromText("Hey", true), new("<s>", 1, false), PreToken.FromText("you", false) };
        new MetaspacePreTokenizer('▁', PrependScheme.First, split: false).PreTokenize(splits);
        Assert.Equal(["▁Hey", "<s>", "you"], splits.Select(s => s.Text));
    }

    [Theory]
    [InlineData(true, "a123b", new[] { "a", "1", "2", "3", "b" })]
    [InlineData(false, "a123b45", new[] { "a", "123", "b", "45" })]
    public void DigitsSplitsNumbers(bool individual, string text, string[] expected) =>
        Assert.Equal(expected, Run($$"""{"type": "Digits", "individual_digits": {{(individual ? "true" : "false")}}}""", text));

    [Theory]
    [InlineData("""{"type": "Punctuation", "behavior": "Isolated"}""", "Hey, friend!", new[] { "Hey", ",", " friend", "!" })]
    [InlineData("""{"type": "Whitespace"}""", "Hey man!  How?", new[] { "Hey", "man", "!", "How", "?" })]
    [InlineData("""{"type": "WhitespaceSplit"}""", "Hey man!\tHow?", new[] { "Hey", "man!", "How?" })]
    [InlineData("""{"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, {"type": "Digits", "individual_digits": true}]}""", "ab12 c", new[] { "ab", "1", "2", "c" })]
    public void OtherPreTokenizersSplitLikeTokenizers(string json, string text, string[] expected) =>
        Assert.Equal(expected, Run(json, text));

    [Fact]
    public void AddedTokensPassThroughUntouched()
    {
        var splits = new List<PreToken> { PreToken.FromText("a b", true), new("<x y>", 5, false) };
        CharacterSplitPreTokenizer.WhitespaceSplit().PreTokenize(splits);
        Assert.Equal(["a", "b", "<x y>"], splits.Select(s => s.Text));
        Assert.Equal(5, splits[2].AddedTokenId);
    }

    [Fact]
    public void UnsupportedTypeNamesTheType()
    {
        using var document = JsonDocument.Parse("""{"type": "UnicodeScripts"}""");
        var error = Assert.Throws<TokenizerException>(() => PreTokenizerFactory.FromJson(document.RootElement));
        Assert.Contains("UnicodeScripts", error.Message, StringComparison.Ordinal);
    }

    private static string[] Run(string json, string text)
    {
        using var document = JsonDocument.Parse(json);
        var splits = new List<PreToken> { PreToken.FromText(text, true) };
        PreTokenizerFactory.FromJson(document.RootElement)!.PreTokenize(splits);
        return splits.Select(s => s.Text).ToArray();
    }
}
