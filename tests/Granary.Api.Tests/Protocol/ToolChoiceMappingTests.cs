using System.Text.Json;
using Granary.Api.Validation;
using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.Protocol;

/// <summary>tool_choice and parallel_tool_calls map to the engine request.</summary>
public sealed class ToolChoiceMappingTests
{
    private const string Tools = """ "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},{"type":"function","function":{"name":"f"}}] """;

    private static GenerationRequest Read(string fields) => ChatCompletionRequestReader
        .Read(JsonDocument.Parse($$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],{{Tools}},{{fields}}}""").RootElement)
        .ToGenerationRequest("id");

    [Theory]
    [InlineData("\"tool_choice\":\"none\"", ToolChoiceMode.None)]
    [InlineData("\"tool_choice\":\"auto\"", ToolChoiceMode.Auto)]
    [InlineData("\"tool_choice\":\"required\"", ToolChoiceMode.Required)]
    public void String_choices_map_to_their_mode(string field, ToolChoiceMode mode)
    {
        var choice = Read(field).ToolChoice!;
        Assert.Equal(mode, choice.Mode);
        Assert.Null(choice.FunctionName);
    }

    [Fact]
    public void A_named_function_maps_to_named_mode()
    {
        var request = Read("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},\"parallel_tool_calls\":false");

        Assert.Equal(new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "get_weather" }, request.ToolChoice);
        Assert.False(request.ParallelToolCalls);
    }

    [Fact]
    public void Without_tool_choice_the_engine_decides_and_parallel_calls_are_on()
    {
        var request = Read("\"n\":1");

        Assert.Null(request.ToolChoice);
        Assert.True(request.ParallelToolCalls);
        Assert.Equal(2, JsonDocument.Parse(request.Prompt.Chat!.ToolsJson!).RootElement.GetArrayLength());
    }
}
