using Granary.Structured.Tests.Support;

namespace Granary.Structured.Tests.Json;

/// <summary>The JSON grammar itself: strings, escapes, UTF-8, numbers, nesting, whitespace bounds.</summary>
public sealed class JsonTextTests
{
    private static readonly Grammar AnyValue = Grammar.AnyJsonValue();

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"plain\"")]
    [InlineData("\"q\\\"b\\\\s\\/f\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\u00e9\\u20AC\\uFFFF\\u0000\"")]
    [InlineData("\"naïve € 中文 🦆\"")]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("1e10")]
    [InlineData("1.5E-3")]
    [InlineData("123456789012345678.1234567890123456e+99")]
    [InlineData("-999999999999999999")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[1, 2,3]")]
    [InlineData("{}")]
    [InlineData("{ }")]
    [InlineData("{\"a\": {\"b\": [true, false, null, {\"c\": \"d\"}]}}")]
    [InlineData("{\n    \"a\": 1,\n    \"b\": [\n        2\n    ]\n}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]")]
    public void Accepts_json(string text) => Assert.True(ByteVocabulary.Matches(AnyValue, text), text);

    [Theory]
    [InlineData("01")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("1e")]
    [InlineData("1e100")]
    [InlineData("1234567890123456789.5")]
    [InlineData("0.12345678901234567")]
    [InlineData("NaN")]
    [InlineData("'a'")]
    [InlineData("\"a")]
    [InlineData("\"\t\"")]
    [InlineData("\"\\x41\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("[1,]")]
    [InlineData("[1 ,2]")]
    [InlineData("{\"a\" : 1}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{a:1}")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("[  1]")]
    [InlineData("[\n                 1]")]
    [InlineData("{}{}")]
    public void Refuses_what_is_not_json_or_out_of_bounds(string text) => Assert.False(ByteVocabulary.Matches(AnyValue, text), text);

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC0, 0x80, 0x22 })]             // overlong NUL
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]       // UTF-8 surrogate
    [InlineData(new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 })] // beyond U+10FFFF
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xE2, 0x82, 0x22 })]             // truncated €
    [InlineData(new byte[] { 0x22, 0x80, 0x22 })]                   // lone continuation byte
    public void Refuses_invalid_utf8_in_strings(byte[] bytes) => Assert.False(ByteVocabulary.Matches(AnyValue, bytes));

    [Fact]
    public void A_character_split_across_tokens_is_tracked()
    {
        // "€" is E2 82 AC: tokens that split it must keep the partial character between steps.
        var vocabulary = TokenVocabulary.Create(
            [[0x22], [0xE2], [0x82, 0xAC], [0x82], [0xAC, 0x22], [0x41], [0x00]],
            new HashSet<int>(),
            new HashSet<int> { 6 });
        var matcher = new GrammarMatcher(Grammar.AnyJsonValue(), vocabulary);
        Assert.True(matcher.AcceptToken(0));
        Assert.True(matcher.AcceptToken(1));
        var mask = new ulong[matcher.MaskWords];
        matcher.FillAllowedTokens(mask);
        Assert.Equal([2, 3], MaskBits.SetBits(mask, vocabulary.Size)); // only continuations of E2
        Assert.False(matcher.AcceptToken(5));
        Assert.True(matcher.AcceptToken(3));
        Assert.True(matcher.AcceptToken(4));
        Assert.True(matcher.IsTerminated);
        Assert.True(matcher.AcceptToken(6));
    }

    [Fact]
    public void Whitespace_is_bounded_at_each_structural_position()
    {
        var indent = new string(' ', 16);
        Assert.True(ByteVocabulary.Matches(AnyValue, "[\n" + indent + "1]"));
        Assert.False(ByteVocabulary.Matches(AnyValue, "[\n" + indent + " 1]"));
        Assert.False(ByteVocabulary.Matches(AnyValue, "[\n\n1]"));
        Assert.False(ByteVocabulary.Matches(AnyValue, "[\t1]"));
    }

    [Fact]
    public void Json_object_grammar_wants_an_object_and_then_only_eos()
    {
        var objects = Grammar.AnyJsonObject();
        Assert.False(ByteVocabulary.Matches(objects, "[]"));
        Assert.False(ByteVocabulary.Matches(objects, "\"a\""));
        var matcher = ByteVocabulary.Feed(objects, "{\"a\":[1]}"u8.ToArray())!;
        Assert.True(matcher.IsTerminated);
        var mask = new ulong[matcher.MaskWords];
        matcher.FillAllowedTokens(mask);
        Assert.Equal([ByteVocabulary.Eos], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
    }

    [Fact]
    public void Numbers_are_complete_but_not_terminated_while_digits_may_follow()
    {
        var matcher = ByteVocabulary.Feed(AnyValue, "12"u8.ToArray())!;
        Assert.True(matcher.IsComplete);
        Assert.False(matcher.IsTerminated);
    }
}
