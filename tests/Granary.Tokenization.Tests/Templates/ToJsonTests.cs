using System.Text.Json;
using System.Text.Json.Nodes;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>HF's tojson is Python's json.dumps(ensure_ascii=False): these pin its exact bytes (checked against Python).</summary>
public sealed class ToJsonTests
{
    private static string ToJson(object? value, string arguments = "") =>
        TemplateRunner.Render("{{ value | tojson" + (arguments.Length > 0 ? "(" + arguments + ")" : "") + " }}", new Dictionary<string, object?> { ["value"] = value });

    [Fact]
    public void UsesPythonSeparatorsAndKeepsInsertionOrder() =>
        Assert.Equal("{\"z\": 1, \"a\": [1, 2], \"m\": {\"k\": null}}", ToJson(JsonNode.Parse("{\"z\":1,\"a\":[1,2],\"m\":{\"k\":null}}")));

    [Fact]
    public void KeepsNonAsciiAndEscapesLikePython() =>
        Assert.Equal("\"é 中文 😀 \\\" \\\\ \\n \\r \\t \\b \\f \\u0001 \\u001f \u007f /\"", ToJson("é 中文 😀 \" \\ \n \r \t \b \f \u0001 \u001f \u007f /"));

    [Fact]
    public void EnsureAsciiEscapesEverythingOutsideAscii() =>
        Assert.Equal("\"\\u00e9\\u4e2d\\ud83d\\ude00\\u007f\"", ToJson("é中😀\u007f", "ensure_ascii=true"));

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-0", "0")]
    [InlineData("1.0", "1.0")]
    [InlineData("1.5e300", "1.5e+300")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e-7", "1e-07")]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("1e16", "1e+16")]
    [InlineData("12345678.9", "12345678.9")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    public void FormatsNumbersAndLiteralsAsPythonDoes(string json, string expected) =>
        Assert.Equal(expected, ToJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void FormatsClrNumbers()
    {
        Assert.Equal("[1, 2, 3.5, 0.25, 7, 1.0]", ToJson(new object[] { 1, 2L, 3.5, 0.25m, (byte)7, 1.0f }));
        Assert.Equal("[NaN, Infinity, -Infinity]", ToJson(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }));
    }

    [Fact]
    public void IndentPutsEachItemOnItsOwnLine() =>
        Assert.Equal("{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": {}\n}",
            ToJson(JsonNode.Parse("{\"a\":[1,{\"b\":[]}],\"c\":{}}"), "indent=2"));

    [Fact]
    public void SortKeysAndCustomSeparators() =>
        Assert.Equal("{\"a\":2,\"b\":[1,2]}", ToJson(JsonNode.Parse("{\"b\":[1,2],\"a\":2}"), "separators=(',', ':'), sort_keys=true"));

    [Fact]
    public void NonStringKeysAreConvertedLikeJsonDumps() =>
        // 1 and true are the same Python key: the later value wins, the first key stays.
        Assert.Equal("{\"1\": \"b\", \"null\": \"c\", \"2.5\": \"d\", \"false\": \"e\"}",
            TemplateRunner.Render("{{ {1: 'a', true: 'b', none: 'c', 2.5: 'd', false: 'e'} | tojson }}"));

    [Fact]
    public void TuplesBecomeArraysAndUndefinedFails()
    {
        Assert.Equal("[[1, \"a\"]]", TemplateRunner.Render("{{ [(1, 'a')] | tojson }}"));
        Assert.Contains("Object of type Undefined is not JSON serializable", TemplateRunner.Fails("{{ [missing] | tojson }}").Message);
    }
}
