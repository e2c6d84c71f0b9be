using Granary.Structured.Tests.Support;

namespace Granary.Structured.Tests.Json;

/// <summary>Each supported keyword: texts it must accept and texts it must refuse.</summary>
public sealed class SchemaKeywordTests
{
    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        { """{"type": "string"}""", ["\"x\""], ["1", "null"] },
        { """{"type": ["integer", "null"]}""", ["3", "null"], ["\"3\"", "1.5"] },
        { """{"type": "number"}""", ["3", "-1.25e-7"], ["\"3\""] },
        { """{"type": "boolean"}""", ["true", "false"], ["1"] },
        { """{}""", ["{\"a\":[1,\"b\"]}", "\"s\"", "null"], ["nul"] },
        { """true""", ["1"], ["x"] },
        { """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}""",
            ["{\"a\":1}", "{\"a\":1,\"b\":\"x\"}", "{ \"a\": 1, \"b\": \"x\" }"], ["{}", "{\"b\":\"x\",\"a\":1}", "{\"a\":1,\"c\":2}", "{\"a\":1,}"] },
        { """{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":true}""",
            ["{\"a\":1,\"zz\":[null]}", "{\"zz\":{}}"], ["{\"a\":1,\"a\":2}"] },
        { """{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}""",
            ["{\"a\":1,\"b\":true}", "{\"b\":false,\"c\":true}"], ["{\"b\":1}"] },
        { """{"type":"object","additionalProperties":false}""", ["{}"], ["{\"a\":1}"] },
        { """{"type":"object"}""", ["{}", "{\"k\":[1]}"], ["[]"] },
        { """{"type":"object","required":["id"]}""", ["{\"id\":5}"], ["{}"] },
        { """{"enum":["red",1,null,{"k":[true]}]}""", ["\"red\"", "1", "null", "{\"k\":[true]}"], ["\"blue\"", "{\"k\": [true]}"] },
        { """{"type":"string","enum":["a",1,"b"]}""", ["\"a\"", "\"b\""], ["1"] },
        { """{"const":"naïve \"q\""}""", ["\"naïve \\\"q\\\"\""], ["\"naive\""] },
        { """{"anyOf":[{"type":"integer"},{"type":"string","maxLength":1}]}""", ["5", "\"x\""], ["\"xy\"", "true"] },
        { """{"oneOf":[{"type":"boolean"},{"type":"null"}]}""", ["true", "null"], ["0"] },
        { """{"type":"object","properties":{"a":{"type":"integer"}},"anyOf":[{"required":["a"]}]}""", ["{\"a\":1}"], ["{}"] },
        { """{"allOf":[{"type":"integer"}]}""", ["4"], ["\"4\""] },
        { """{"allOf":[{"type":"integer","minimum":0},{"maximum":9}]}""", ["0", "9"], ["10", "-1"] },
        { """{"allOf":[{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},{"properties":{"b":{"type":"string"}},"required":["b"]}]}""",
            ["{\"a\":1,\"b\":\"x\"}"], ["{\"a\":1}", "{\"b\":\"x\"}"] },
        { """{"$defs":{"n":{"type":"integer"}},"type":"array","items":{"$ref":"#/$defs/n"}}""", ["[1,2]"], ["[\"1\"]"] },
        { """{"definitions":{"n":{"type":"integer"}},"$ref":"#/definitions/n","description":"d"}""", ["1"], ["true"] },
        { """{"type":"object","properties":{"next":{"$ref":"#"},"v":{"type":"integer"}},"required":["v"],"additionalProperties":false}""",
            ["{\"v\":1}", "{\"next\":{\"next\":{\"v\":3},\"v\":2},\"v\":1}"], ["{\"next\":{},\"v\":1}"] },
        { """{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}""", ["[1]", "[1,2]", "[ 1, 2 ]"], ["[]", "[1,2,3]"] },
        { """{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"items":false}""", ["[]", "[1]", "[1,\"a\"]"], ["[\"a\"]", "[1,\"a\",2]"] },
        { """{"type":"array","prefixItems":[{"type":"integer"}],"items":{"type":"boolean"},"minItems":2}""", ["[1,true]", "[1,true,false]"], ["[1]", "[1,2]"] },
        { """{"type":"array","items":[{"type":"integer"}]}""", ["[1]"], ["[1,2]"] },
        { """{"type":"string","minLength":2,"maxLength":3}""", ["\"ab\"", "\"abc\"", "\"é中\"", "\"\\u0041b\""], ["\"a\"", "\"abcd\""] },
        { """{"type":"string","pattern":"^[a-z]+$"}""", ["\"abc\"", "\"\\u0061\""], ["\"\"", "\"aB\""] },
        { """{"type":"string","pattern":"[0-9]"}""", ["\"a1b\"", "\"9\""], ["\"abc\""] },
        { """{"type":"string","format":"date"}""", ["\"2024-02-28\"", "\"1999-12-31\""], ["\"2024-02-30\"", "\"2024-13-01\"", "\"24-01-01\""] },
        { """{"type":"string","format":"time"}""", ["\"23:59:59Z\"", "\"00:00:00.5+05:30\""], ["\"24:00:00Z\"", "\"12:00:00\""] },
        { """{"type":"string","format":"date-time"}""", ["\"2024-01-31T08:30:00Z\""], ["\"2024-01-31 08:30:00Z\""] },
        { """{"type":"string","format":"uuid"}""", ["\"123e4567-e89b-12d3-a456-426614174000\""], ["\"123e4567e89b12d3a456426614174000\""] },
        { """{"type":"string","format":"email"}""", ["\"a.b+c@mail.example.org\""], ["\"a@b\"", "\"@b.org\""] },
        { """{"type":"integer","minimum":-5,"maximum":150}""", ["-5", "0", "150", "99"], ["-6", "151", "1000", "-0"] },
        { """{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":10}""", ["1", "9"], ["0", "10"] },
        { """{"type":"integer","minimum":2.5}""", ["3"], ["2"] },
        { """{"type":"integer","maximum":10,"exclusiveMaximum":true}""", ["9"], ["10"] },
        { """{"type":"number","minimum":0,"exclusiveMaximum":1}""", ["0", "0.5", "0.9999"], ["1", "1.0", "-0.1", "1e-3"] },
        { """{"type":"number","minimum":-1.25,"maximum":2.5}""", ["-1.25", "-1.2", "2.5", "2.49", "0"], ["-1.26", "2.51", "3"] },
        { """{"type":"number","exclusiveMinimum":-3}""", ["-2.9999", "5"], ["-3", "-3.0", "-4"] },
        { """{"title":"t","description":"d","default":1,"examples":[1],"$comment":"c","$id":"x","$schema":"y","type":"integer"}""", ["1"], ["\"1\""] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keyword_accepts_and_refuses(string schema, string[] valid, string[] invalid)
    {
        var grammar = Grammar.JsonSchema(schema);
        foreach (var text in valid)
        {
            Assert.True(ByteVocabulary.Matches(grammar, text), $"should accept {text}");
        }

        foreach (var text in invalid)
        {
            Assert.False(ByteVocabulary.Matches(grammar, text), $"should refuse {text}");
        }
    }

    [Theory]
    [InlineData("""{"type":"integer","maximum":150}""", "15", "1500")]
    [InlineData("""{"type":"integer","minimum":100,"maximum":199}""", "1", "2")]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", "0.", "1.1")]
    [InlineData("""{"type":"string","maxLength":2}""", "\"ab", "\"abc")]
    public void Only_prefixes_that_can_still_complete_are_accepted(string schema, string viable, string dead)
    {
        var grammar = Grammar.JsonSchema(schema);
        Assert.True(ByteVocabulary.IsViablePrefix(grammar, viable));
        Assert.False(ByteVocabulary.IsViablePrefix(grammar, dead));
    }

    [Fact]
    public void Integer_ranges_are_exact()
    {
        foreach (var (low, high) in new[] { (-17, 4), (0, 0), (7, 130), (-300, -101), (99, 101) })
        {
            var grammar = Grammar.JsonSchema($$"""{"type":"integer","minimum":{{low}},"maximum":{{high}}}""");
            for (var value = -400; value <= 400; value++)
            {
                Assert.Equal(value >= low && value <= high, ByteVocabulary.Matches(grammar, value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    [Fact]
    public void Decimal_ranges_are_exact()
    {
        var grammar = Grammar.JsonSchema("""{"type":"number","exclusiveMinimum":-2.05,"maximum":3.1}""");
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var value = Math.Round((random.NextDouble() * 12) - 6, random.Next(0, 4));
            var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var expected = (decimal)value > -2.05m && (decimal)value <= 3.1m && !text.StartsWith("-0", StringComparison.Ordinal) || text == "0";
            if (text.StartsWith("-0", StringComparison.Ordinal) && (decimal)value > -2.05m)
            {
                expected = value != 0;
            }

            Assert.True(expected == ByteVocabulary.Matches(grammar, text), text);
        }
    }

    [Fact]
    public void Large_repetitions_of_big_items_stay_small()
    {
        var item = """{"type":"object","properties":{"a":{"type":"string","maxLength":20},"b":{"type":"integer","minimum":0,"maximum":1000}},"required":["a","b"]}""";
        var grammar = Grammar.JsonSchema($$"""{"type":"array","items":{{item}},"maxItems":500}""");
        Assert.True(ByteVocabulary.Matches(grammar, "[" + string.Join(",", Enumerable.Repeat("{\"a\":\"x\",\"b\":7}", 500)) + "]"));
        Assert.False(ByteVocabulary.Matches(grammar, "[" + string.Join(",", Enumerable.Repeat("{\"a\":\"x\",\"b\":7}", 501)) + "]"));
        Assert.True(grammar.Compiled.StateCount < 20_000, $"{grammar.Compiled.StateCount} states");
    }
}
