using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

public sealed class JsonValueScannerTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"a\\\"b\\\\ \\/ \\b\\f\\n\\r\\t \\u00E9\"")]
    [InlineData("{\"a\": [1, -0, 0.5, 1e9, -2.5E-3, true, false, null, {\"b\": {}}], \"c\" :\"d\" }")]
    [InlineData("[ [ ], { } ,\"x\"]")]
    [InlineData("true")]
    public void Valid_values_complete_on_their_last_character(string json)
    {
        var scanner = new JsonValueScanner();
        for (var i = 0; i < json.Length - 1; i++) Assert.Equal(JsonScan.Continue, scanner.Feed(json[i]));
        Assert.Equal(JsonScan.Complete, scanner.Feed(json[^1]));
        Assert.Equal(JsonScan.Invalid, scanner.Feed(' '));
    }

    [Theory]
    [InlineData("12", ',')]
    [InlineData("-0.25e+7", '}')]
    [InlineData("0", ' ')]
    public void A_number_completes_before_the_character_that_ends_it(string json, char next)
    {
        var scanner = new JsonValueScanner();
        foreach (var c in json) Assert.Equal(JsonScan.Continue, scanner.Feed(c));
        Assert.Equal(JsonScan.CompleteBefore, scanner.Feed(next));
    }

    [Theory]
    [InlineData("{a", 1)]
    [InlineData("{\"a\" 1", 5)]
    [InlineData("[1,]", 3)]
    [InlineData("{\"a\":1,}", 7)]
    [InlineData("[01]", 2)]
    [InlineData("-x", 1)]
    [InlineData("1.e", 2)]
    [InlineData("[1e+]", 4)]
    [InlineData("tru ", 3)]
    [InlineData("\"\\x\"", 2)]
    [InlineData("\"\\u12G4\"", 5)]
    [InlineData("\"a\tb\"", 2)]
    [InlineData("[}", 1)]
    [InlineData(" 1", 0)]
    public void Invalid_json_is_caught_at_the_first_bad_character(string json, int badAt)
    {
        var scanner = new JsonValueScanner();
        for (var i = 0; i < badAt; i++) Assert.Equal(JsonScan.Continue, scanner.Feed(json[i]));
        Assert.Equal(JsonScan.Invalid, scanner.Feed(json[badAt]));
    }
}
