using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Engine.Tests.Support;
using Granary.Engine.Tests.Tools;

namespace Granary.Engine.Tests.Serving;

/// <summary>Tools through the engine: tool_choice checked against tools and the template's format, markers kept for the parser.</summary>
public sealed class ToolCallingTests
{
    private const string Tools = """[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]""";

    [Fact]
    public async Task A_template_without_tool_calls_refuses_tools_unless_tool_choice_is_none()
    {
        using var engine = await EngineFixture.Start("tiny-llama3");

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => EngineFixture.Collect(engine, Chat(null)));
        Assert.Equal("tools", error.Param);

        var events = await EngineFixture.Collect(engine, Chat(ToolChoice.None));
        Assert.Equal(FinishReason.Length, events[^1].FinishReason);
        Assert.All(events, e => Assert.Null(e.ToolCalls));
    }

    [Fact]
    public async Task A_named_tool_must_exist()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3");

        var error = await Assert.ThrowsAsync<EngineRequestException>(() =>
            EngineFixture.Collect(engine, Chat(new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "get_time" })));
        Assert.Equal("tool_choice", error.Param);
    }

    [Fact]
    public async Task A_request_chat_template_that_teaches_llama3_json_enables_tools_and_renders_the_call_history()
    {
        using var engine = await EngineFixture.Start("tiny-llama3");
        var request = Chat(null, ToolTemplates.Llama31Json);

        var events = await EngineFixture.Collect(engine, request);
        Assert.Equal(8, events[^1].CompletionTokens);

        var chat = request.Prompt.Chat! with
        {
            Messages =
            [
                new ChatMessage { Role = "user", Content = "Weather in Paris?" },
                new ChatMessage { Role = "assistant", ToolCalls = [new ToolCall { Id = "call_1", Name = "get_weather", Arguments = """{"city": "Paris"}""" }] },
                new ChatMessage { Role = "tool", ToolCallId = "call_1", Content = """{"temp": 21}""" },
            ],
        };
        var text = engine.Detokenize(engine.Tokenize(PromptInput.FromChat(chat)).Tokens);
        Assert.Contains("""{"name": "get_weather", "parameters": {"city": "Paris"}}<|eot_id|>""", text, StringComparison.Ordinal);
        Assert.Contains("<|start_header_id|>ipython<|end_header_id|>\n\n{\"temp\": 21}<|eot_id|>", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"get_weather\"", text[..text.IndexOf("Weather in Paris", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Special_call_markers_reach_the_parser_and_the_call_after_them_is_constrained()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3");
        var forceToolCallToken = new Dictionary<int, double> { [3] = 100 }; // <tool_call>, special in this tokenizer

        var cut = await EngineFixture.Collect(engine, Chat(ToolChoice.Auto, bias: forceToolCallToken, maxTokens: 4));
        var whole = await EngineFixture.Collect(engine, Chat(ToolChoice.Auto, bias: forceToolCallToken, maxTokens: 200, ignoreEos: false));
        var withoutTools = await EngineFixture.Collect(engine, Chat(ToolChoice.None, bias: forceToolCallToken, maxTokens: 4));

        // Four tokens cannot hold any call, so the marker is never opened (however strong its bias): the answer is text.
        var cutText = string.Concat(cut.Select(e => e.Text));
        Assert.Equal(FinishReason.Length, cut[^1].FinishReason);
        Assert.NotEmpty(cutText);
        Assert.DoesNotContain("<tool_call>", cutText, StringComparison.Ordinal);
        Assert.DoesNotContain(cut, e => e.ToolCalls is not null);

        // With room, the marker opens a call and from there the grammar rules (the bias cannot repeat the marker
        // inside it), and budget steering closes the last call in time: every call is whole.
        Assert.Equal(("", FinishReason.ToolCalls), (string.Concat(whole.Select(e => e.Text)), whole[^1].FinishReason!.Value));
        var calls = whole.Where(e => e.ToolCalls is not null).SelectMany(e => e.ToolCalls!).GroupBy(p => p.Index).ToArray();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            Assert.Equal("get_weather", Assert.Single(call, p => p.Name is not null).Name);
            using var _ = System.Text.Json.JsonDocument.Parse(string.Concat(call.Select(p => p.Arguments)));
        }
        Assert.Equal("", string.Concat(withoutTools.Select(e => e.Text)));
    }

    private static GenerationRequest Chat(ToolChoice? choice, string? template = null, Dictionary<int, double>? bias = null, int maxTokens = 8, bool ignoreEos = true) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Prompt = PromptInput.FromChat(new ChatPrompt
        {
            Messages = [new ChatMessage { Role = "user", Content = "Weather in Paris?" }],
            ToolsJson = Tools,
            ChatTemplate = template,
        }),
        Sampling = new SamplingParams { Temperature = 0, MaxTokens = maxTokens, MaxTokensExplicit = true, IgnoreEos = ignoreEos, LogitBias = bias },
        ToolChoice = choice,
    };
}
