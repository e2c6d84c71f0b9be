namespace Granary.Structured.Tests.Json;

/// <summary>What we cannot enforce is a 400 naming the keyword, never silently ignored.</summary>
public sealed class UnsupportedSchemaTests
{
    [Theory]
    [InlineData("""{"type":"integer","multipleOf":3}""", "multipleOf")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "uniqueItems")]
    [InlineData("""{"not":{"type":"string"}}""", "not")]
    [InlineData("""{"if":{"type":"string"},"then":{"maxLength":1}}""", "if")]
    [InlineData("""{"type":"object","patternProperties":{"^a":{}}}""", "patternProperties")]
    [InlineData("""{"type":"object","minProperties":1}""", "minProperties")]
    [InlineData("""{"type":"object","dependentRequired":{"a":["b"]}}""", "dependentRequired")]
    [InlineData("""{"type":"array","contains":{"type":"integer"}}""", "contains")]
    [InlineData("""{"type":"string","nullable":true}""", "nullable")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","contentEncoding":"base64"}}}""", "contentEncoding")]
    [InlineData("""{"type":"string","format":"hostname"}""", "format")]
    [InlineData("""{"type":"string","pattern":"^(?=a)b"}""", "pattern")]
    [InlineData("""{"type":"string","pattern":"(a)\\1"}""", "pattern")]
    [InlineData("""{"type":"string","pattern":"\\bword"}""", "pattern")]
    [InlineData("""{"type":"string","pattern":"\\p{L}"}""", "pattern")]
    [InlineData("""{"type":"string","pattern":"[a-"}""", "pattern")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "$ref")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "$ref")]
    [InlineData("""{"$defs":{"a":{"type":"string"}},"$ref":"#/$defs/a","maxLength":2}""", "$ref")]
    [InlineData("""{"allOf":[{"type":"string","pattern":"a"},{"pattern":"b"}]}""", "pattern")]
    [InlineData("""{"$ref":"#"}""", null)]
    [InlineData("""{"anyOf":[{"$ref":"#"},{"type":"string"}]}""", "$ref")]
    [InlineData("""{"type":"integer","minimum":5,"maximum":4}""", null)]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#"}},"required":["a"]}""", null)]
    [InlineData("""{"type":"object","required":["a"],"additionalProperties":false}""", "required")]
    [InlineData("""{"type":"strin"}""", "type")]
    [InlineData("""{"type":"string","minLength":-1}""", "minLength")]
    [InlineData("""{"enum":[]}""", null)]
    [InlineData("""false""", null)]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":3,"maxItems":2}""", "maxItems")]
    [InlineData("""not json""", null)]
    public void Unsupported_or_unsatisfiable_schemas_throw(string schema, string? keyword)
    {
        var exception = Assert.Throws<StructuredOutputException>(() => Grammar.JsonSchema(schema));
        Assert.Equal(keyword, exception.Keyword);
        if (keyword is not null)
        {
            Assert.Contains(keyword, exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_message_names_the_json_pointer()
    {
        var exception = Assert.Throws<StructuredOutputException>(() =>
            Grammar.JsonSchema("""{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"integer","multipleOf":2}}}}}"""));
        Assert.Contains("#/properties/a/properties/b", exception.Message, StringComparison.Ordinal);
    }
}
