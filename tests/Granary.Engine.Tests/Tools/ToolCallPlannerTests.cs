using Granary.Engine.Abstractions;
using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

/// <summary>tool_choice checked against the tools and the model's format, with the engine's 400s.</summary>
public sealed class ToolCallPlannerTests
{
    private const string HermesTemplate = "{{ '<tool_call>' }}";
    private const string PlainTemplate = "{{ messages }}";

    private static ToolCallPlanner Planner(string? modelTemplate, string setting = "auto", Func<string, bool>? isSpecial = null) =>
        new(new ToolCallFormatResolver(setting, modelTemplate), isSpecial ?? (_ => false));

    private static GenerationRequest Chat(ToolChoice? choice, string? tools = ToolTemplates.WeatherTools, string? template = null, bool parallel = true) => new()
    {
        RequestId = "r",
        Prompt = PromptInput.FromChat(new ChatPrompt
        {
            Messages = [new ChatMessage { Role = "user", Content = "Hi" }],
            ToolsJson = tools,
            ChatTemplate = template,
        }),
        ToolChoice = choice,
        ParallelToolCalls = parallel,
    };

    [Fact]
    public void Tools_without_tool_choice_mean_auto()
    {
        var plan = Planner(HermesTemplate).Plan(Chat(null))!;

        Assert.Equal(ToolChoiceMode.Auto, plan.Choice.Mode);
        Assert.Same(ToolCallFormat.Hermes, plan.Format);
        Assert.Equal(2, plan.Tools.Count);
    }

    [Fact]
    public void No_plan_for_tool_choice_none_or_a_chat_without_tools()
    {
        Assert.Null(Planner(HermesTemplate).Plan(Chat(ToolChoice.None)));
        Assert.Null(Planner(HermesTemplate).Plan(Chat(null, tools: null)));
        Assert.Null(Planner(PlainTemplate).Plan(Chat(ToolChoice.None)));
        Assert.Null(Planner(HermesTemplate).Plan(Chat(null, tools: "[]")));
    }

    [Fact]
    public void A_named_function_must_be_among_the_tools()
    {
        var error = Assert.Throws<EngineRequestException>(() =>
            Planner(HermesTemplate).Plan(Chat(new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "get_stock" })));

        Assert.Equal("tool_choice", error.Param);
        Assert.Contains("get_stock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_without_tools_is_refused()
    {
        var error = Assert.Throws<EngineRequestException>(() => Planner(HermesTemplate).Plan(Chat(ToolChoice.Required, tools: null)));
        Assert.Equal("tool_choice", error.Param);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("required")]
    public void A_template_without_a_known_format_refuses_tool_use_naming_tools(string? choice)
    {
        var toolChoice = choice is null ? null : choice == "auto" ? ToolChoice.Auto : ToolChoice.Required;
        var error = Assert.Throws<EngineRequestException>(() => Planner(PlainTemplate).Plan(Chat(toolChoice)));

        Assert.Equal("tools", error.Param);
        Assert.Contains("tool_choice \"none\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_template_brings_its_own_format_unless_the_setting_fixes_one()
    {
        Assert.Same(ToolCallFormat.Llama3Json, Planner(PlainTemplate).Plan(Chat(null, template: ToolTemplates.Llama31Json))!.Format);
        Assert.Same(ToolCallFormat.Hermes, Planner(PlainTemplate, "hermes").Plan(Chat(null))!.Format);
        Assert.Throws<EngineRequestException>(() => Planner(HermesTemplate, "none").Plan(Chat(null)));
    }

    [Theory]
    [InlineData("[{\"type\": \"function\", \"function\": {}}]")]
    [InlineData("[{\"type\": \"retrieval\", \"function\": {\"name\": \"f\"}}]")]
    [InlineData("[{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": []}}]")]
    [InlineData("{\"name\": \"f\"}")]
    [InlineData("[")]
    public void Malformed_tools_are_a_request_error_naming_tools(string tools)
    {
        var error = Assert.Throws<EngineRequestException>(() => Planner(HermesTemplate).Plan(Chat(null, tools)));
        Assert.Equal("tools", error.Param);
    }

    [Fact]
    public void Special_marker_tokens_and_parallel_calls_shape_the_plan()
    {
        var plan = Planner(HermesTemplate, isSpecial: t => t == "<tool_call>").Plan(Chat(ToolChoice.Auto, parallel: false))!;
        Assert.True(plan.KeepSpecialTokens);
        Assert.False(plan.ParallelToolCalls);

        var parser = plan.CreateParser();
        var output = ParsedOutput.Of(parser, "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call><tool_call>");
        Assert.Single(output.Calls);
        Assert.Equal("<tool_call>", output.Content);

        Assert.False(Planner(HermesTemplate).Plan(Chat(ToolChoice.Auto))!.KeepSpecialTokens);
    }
}
