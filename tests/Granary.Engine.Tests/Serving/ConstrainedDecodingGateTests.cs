using Granary.Engine.Abstractions;

namespace Granary.Engine.Tests.Serving;

/// <summary>Until grammars are enforced, what needs one is refused rather than served unconstrained (delete with the gate).</summary>
public sealed class ConstrainedDecodingGateTests
{
    private const string Tools = """[{"type": "function", "function": {"name": "f"}}]""";

    [Theory]
    [InlineData(ToolChoiceMode.Required, null)]
    [InlineData(ToolChoiceMode.Named, "f")]
    public async Task Forced_tool_calls_are_refused(ToolChoiceMode mode, string? name)
    {
        using var engine = await EngineFixture.Start("tiny-qwen3");
        var error = await Assert.ThrowsAsync<EngineRequestException>(() =>
            EngineFixture.Collect(engine, Chat(new ToolChoice { Mode = mode, FunctionName = name }, null)));
        Assert.Equal("tool_choice", error.Param);
    }

    [Fact]
    public async Task Structured_outputs_are_refused_and_auto_tools_are_served()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3");
        var error = await Assert.ThrowsAsync<EngineRequestException>(() =>
            EngineFixture.Collect(engine, Chat(ToolChoice.None, StructuredOutput.JsonObject)));
        Assert.Equal("response_format", error.Param);

        var events = await EngineFixture.Collect(engine, Chat(ToolChoice.Auto, null));
        Assert.NotNull(events[^1].FinishReason);
    }

    private static GenerationRequest Chat(ToolChoice choice, StructuredOutput? structure) => new()
    {
        RequestId = "r",
        Prompt = PromptInput.FromChat(new ChatPrompt { Messages = [new ChatMessage { Role = "user", Content = "Hi" }], ToolsJson = Tools }),
        Sampling = new SamplingParams { Temperature = 0, MaxTokens = 4 },
        ToolChoice = choice,
        Structure = structure,
    };
}
