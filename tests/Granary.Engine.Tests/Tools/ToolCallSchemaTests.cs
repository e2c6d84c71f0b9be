using System.Text.Json.Nodes;
using Granary.Engine.Abstractions;
using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

public sealed class ToolCallSchemaTests
{
    private static readonly IReadOnlyList<ToolDefinition> Tools = ToolDefinition.ParseAll(ToolTemplates.WeatherTools);

    [Fact]
    public void Required_allows_any_tool_with_its_parameters_name_first()
    {
        var plan = new ToolCallPlan(ToolCallFormat.Hermes, ToolChoice.Required, Tools, parallelToolCalls: true);

        Assert.Equal(
            """{"anyOf":[""" +
            """{"type":"object","properties":{"name":{"const":"get_weather"},"arguments":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},"required":["name","arguments"],"additionalProperties":false},""" +
            """{"type":"object","properties":{"name":{"const":"get_time"},"arguments":{"type":"object","properties":{},"additionalProperties":false}},"required":["name","arguments"],"additionalProperties":false}""" +
            "]}",
            plan.CallSchema);
    }

    [Fact]
    public void A_named_choice_allows_only_that_tool_under_the_format_s_argument_key()
    {
        var plan = new ToolCallPlan(ToolCallFormat.Llama3Json, new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "get_weather" }, Tools, parallelToolCalls: false);

        var schema = JsonNode.Parse(plan.CallSchema)!;
        Assert.Null(schema["anyOf"]);
        Assert.Equal("get_weather", (string?)schema["properties"]!["name"]!["const"]);
        Assert.Equal("string", (string?)schema["properties"]!["parameters"]!["properties"]!["city"]!["type"]);
        Assert.Equal(["name", "parameters"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("get_weather", Assert.Single(plan.AllowedTools).Name);
        Assert.True(plan.CallsRequired);
        Assert.True(plan.StreamCallsEagerly);
    }

    [Fact]
    public void Auto_mode_streams_calls_only_once_complete_unless_told_otherwise()
    {
        var plan = new ToolCallPlan(ToolCallFormat.Hermes, ToolChoice.Auto, Tools, parallelToolCalls: true);
        Assert.False(plan.CallsRequired);
        Assert.False(plan.StreamCallsEagerly);
        Assert.Equal(2, plan.AllowedTools.Count);
        Assert.Contains("get_time", plan.CallSchema, StringComparison.Ordinal);
    }

    [Fact]
    public void The_syntax_describes_each_format_as_its_template_writes_it()
    {
        var hermes = ToolCallFormat.Hermes.Syntax;
        Assert.Equal(("<tool_call>\n", "\n</tool_call>", "\n", "name", "arguments"),
            (hermes.CallPrefix, hermes.CallSuffix, hermes.Separator, hermes.NameKey, hermes.ArgumentsKey));
        Assert.Equal(new ToolCallTrigger("<tool_call>", false, "\n", false), Assert.Single(hermes.Triggers));

        var llama = ToolCallFormat.Llama3Json.Syntax;
        Assert.Equal(("", "", "; ", "parameters"), (llama.CallPrefix, llama.CallSuffix, llama.Separator, llama.ArgumentsKey));
        Assert.Contains(new ToolCallTrigger("{", true, "", true), llama.Triggers);
    }

    [Fact]
    public void Each_tool_s_definitions_move_to_the_root_and_its_references_follow()
    {
        ToolDefinition Tool(string name, string parameters) => new(name, System.Text.Json.Nodes.JsonNode.Parse(parameters)!.AsObject());
        var tools = new[]
        {
            Tool("a", """{"type":"object","properties":{"p":{"$ref":"#/$defs/x"},"self":{"anyOf":[{"$ref":"#"},{"type":"null"}]}},"required":["p","self"],"$defs":{"x":{"type":"integer"}}}"""),
            Tool("b", """{"type":"object","properties":{"p":{"$ref":"#/definitions/x"}},"required":["p"],"definitions":{"x":{"type":"string","maxLength":3}}}"""),
        };

        var schema = ToolCallSchema.Build(tools, ToolCallFormat.Hermes.Syntax);

        Granary.Structured.Grammar.JsonSchema(schema); // every reference resolves
        Assert.Empty(Granary.Structured.Tests.Support.SchemaValidator.Errors(schema, """{"name":"a","arguments":{"p":1,"self":{"p":2,"self":null}}}"""));
        Assert.Empty(Granary.Structured.Tests.Support.SchemaValidator.Errors(schema, """{"name":"b","arguments":{"p":"xyz"}}"""));
        Assert.NotEmpty(Granary.Structured.Tests.Support.SchemaValidator.Errors(schema, """{"name":"b","arguments":{"p":1}}"""));
    }
}
