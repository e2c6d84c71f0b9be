using Granary.Structured.Tests.Support;

namespace Granary.Structured.Tests;

/// <summary>Choice, Literal, Sequence, Alternatives and Repeat (what tool-call formats are built from).</summary>
public sealed class CombinatorTests
{
    [Fact]
    public void Literal_matches_exactly_its_text()
    {
        var grammar = Grammar.Literal("<tool_call>é");
        Assert.True(ByteVocabulary.Matches(grammar, "<tool_call>é"));
        Assert.False(ByteVocabulary.Matches(grammar, "<tool_call>"));
        Assert.False(ByteVocabulary.Matches(grammar, "<tool_call>éé"));
    }

    [Fact]
    public void Choice_matches_one_of_the_strings_even_when_one_prefixes_another()
    {
        var grammar = Grammar.Choice(["yes", "no", "yes!"]);
        Assert.True(ByteVocabulary.Matches(grammar, "yes"));
        Assert.True(ByteVocabulary.Matches(grammar, "yes!"));
        Assert.True(ByteVocabulary.Matches(grammar, "no"));
        Assert.False(ByteVocabulary.Matches(grammar, "maybe"));
        var matcher = ByteVocabulary.Feed(grammar, "yes"u8.ToArray())!;
        Assert.True(matcher.IsComplete);
        Assert.False(matcher.IsTerminated);
        Assert.Throws<StructuredOutputException>(() => Grammar.Choice([]));
    }

    [Fact]
    public void Sequence_concatenates_grammars()
    {
        var grammar = Grammar.Sequence(Grammar.Literal("<call>"), Grammar.JsonSchema("""{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}"""), Grammar.Literal("</call>"));
        Assert.True(ByteVocabulary.Matches(grammar, "<call>{\"n\": 3}</call>"));
        Assert.False(ByteVocabulary.Matches(grammar, "<call>{}</call>"));
    }

    [Fact]
    public void Alternatives_allow_any_option()
    {
        var grammar = Grammar.Alternatives(Grammar.Regex("[0-9]+"), Grammar.AnyJsonObject(), Grammar.Literal("none"));
        Assert.True(ByteVocabulary.Matches(grammar, "123"));
        Assert.True(ByteVocabulary.Matches(grammar, "{\"a\":1}"));
        Assert.True(ByteVocabulary.Matches(grammar, "none"));
        Assert.False(ByteVocabulary.Matches(grammar, "no"));
    }

    [Theory]
    [InlineData(0, null, "", true)]
    [InlineData(0, null, "a,a,a,a,a,a", true)]
    [InlineData(1, 3, "", false)]
    [InlineData(1, 3, "a", true)]
    [InlineData(1, 3, "a,a,a", true)]
    [InlineData(1, 3, "a,a,a,a", false)]
    [InlineData(2, 2, "a,a", true)]
    [InlineData(2, null, "a", false)]
    [InlineData(2, null, "a,a,a,a", true)]
    [InlineData(0, 2, "aa", false)]
    public void Repeat_counts_items_and_puts_separators_between_them(int min, int? max, string text, bool expected)
    {
        var grammar = Grammar.Repeat(Grammar.Literal("a"), Grammar.Literal(","), min, max);
        Assert.Equal(expected, ByteVocabulary.Matches(grammar, text));
    }

    [Fact]
    public void Repeat_without_separator_and_of_large_items()
    {
        Assert.True(ByteVocabulary.Matches(Grammar.Repeat(Grammar.Literal("ab"), null, 0, null), "ababab"));
        var call = Grammar.JsonSchema("""{"type":"object","properties":{"name":{"enum":["get_weather","get_time"]},"arguments":{"type":"object"}},"required":["name","arguments"]}""");
        var parallel = Grammar.Repeat(Grammar.Sequence(Grammar.Literal("<tool_call>\n"), call, Grammar.Literal("\n</tool_call>")), Grammar.Literal("\n"), 1, 64);
        var one = "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}\n</tool_call>";
        Assert.True(ByteVocabulary.Matches(parallel, one));
        Assert.True(ByteVocabulary.Matches(parallel, string.Join("\n", Enumerable.Repeat(one, 64))));
        Assert.False(ByteVocabulary.Matches(parallel, string.Join("\n", Enumerable.Repeat(one, 65))));
    }

    [Fact]
    public void Regex_grammar_is_a_full_match_over_utf8()
    {
        var grammar = Grammar.Regex("(\\+|-)?[0-9]{1,3}(,[0-9]{3})*|n/a|🦆+");
        Assert.True(ByteVocabulary.Matches(grammar, "-1,234,567"));
        Assert.True(ByteVocabulary.Matches(grammar, "🦆🦆"));
        Assert.False(ByteVocabulary.Matches(grammar, "1,23"));
        Assert.False(ByteVocabulary.Matches(grammar, "x n/a"));
    }
}
