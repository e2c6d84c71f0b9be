using System.Text.Json;
using Granary.Api.Validation;
using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.Protocol;

/// <summary>response_format, structured_outputs and guided_* map to one engine <see cref="StructuredOutput"/>.</summary>
public sealed class StructuredOutputMappingTests
{
    private const string Schema = """{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}""";

    private static StructuredOutput? Chat(string fields) => ChatCompletionRequestReader
        .Read(JsonDocument.Parse($$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],{{fields}}}""").RootElement)
        .ToGenerationRequest("id").Structure;

    private static StructuredOutput? Completion(string fields) => Assert.Single(CompletionRequestReader
        .Read(JsonDocument.Parse($$"""{"model":"m","prompt":"x",{{fields}}}""").RootElement)
        .ToGenerationRequests("id")).Structure;

    [Fact]
    public void Response_format_text_is_no_constraint_and_json_object_is_any_object()
    {
        Assert.Null(Chat("\"response_format\":{\"type\":\"text\"}"));
        Assert.Null(Chat("\"stream\":false"));
        Assert.Equal(StructuredOutputKind.JsonObject, Chat("\"response_format\":{\"type\":\"json_object\"}")!.Kind);
        Assert.Equal(StructuredOutputKind.JsonObject, Chat("\"structured_outputs\":{\"json_object\":true}")!.Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Json_schema_carries_the_schema_text_and_strictness(bool strict)
    {
        var jsonSchema = $$"""{"name":"answer-1","description":"d","schema":{{Schema}},"strict":{{(strict ? "true" : "false")}}}""";
        var structure = Chat($$"""
            "response_format":{"type":"json_schema","json_schema":{{jsonSchema}}}
            """)!;

        Assert.Equal(StructuredOutputKind.JsonSchema, structure.Kind);
        Assert.Equal(Schema, structure.Schema);
        Assert.Equal(strict, structure.Strict);
    }

    [Theory]
    [InlineData("\"structured_outputs\":{\"json\":" + Schema + "}")]
    [InlineData("\"structured_outputs\":{\"json\":" + "\"{\\\"type\\\":\\\"object\\\",\\\"properties\\\":{\\\"a\\\":{\\\"type\\\":\\\"integer\\\"}},\\\"required\\\":[\\\"a\\\"]}\"" + ",\"disable_fallback\":true}")]
    [InlineData("\"guided_json\":" + Schema)]
    [InlineData("\"guided_json\":" + Schema + ",\"guided_decoding_backend\":\"xgrammar\"")]
    public void Vllm_json_schemas_are_taken_as_objects_or_as_json_text(string fields)
    {
        var structure = Chat(fields)!;
        Assert.Equal(StructuredOutputKind.JsonSchema, structure.Kind);
        Assert.Equal(Schema, structure.Schema);
        Assert.False(structure.Strict);
    }

    [Fact]
    public void Regex_and_choice_from_structured_outputs_and_guided_fields()
    {
        Assert.Equal((StructuredOutputKind.Regex, "[0-9]+"), Pattern(Chat("\"structured_outputs\":{\"regex\":\"[0-9]+\"}")));
        Assert.Equal((StructuredOutputKind.Regex, "a|b"), Pattern(Chat("\"guided_regex\":\"a|b\"")));
        Assert.Equal(["yes", "no"], Chat("\"structured_outputs\":{\"choice\":[\"yes\",\"no\"]}")!.Choices!);
        Assert.Equal(["x"], Chat("\"guided_choice\":[\"x\"]")!.Choices!);
    }

    [Fact]
    public void Completions_take_the_same_constraints()
    {
        Assert.Equal(StructuredOutputKind.JsonObject, Completion("\"response_format\":{\"type\":\"json_object\"}")!.Kind);
        Assert.Equal((StructuredOutputKind.Regex, "a+"), Pattern(Completion("\"guided_regex\":\"a+\"")));
        Assert.Equal(["a", "b"], Completion("\"structured_outputs\":{\"choice\":[\"a\",\"b\"]}")!.Choices!);
        Assert.Null(Completion("\"echo\":false"));
    }

    private static (StructuredOutputKind, string?) Pattern(StructuredOutput? structure) => (structure!.Kind, structure.Pattern);
}
