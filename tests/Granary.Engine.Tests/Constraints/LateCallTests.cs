using System.Text.Json.Nodes;
using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Serving;
using static Granary.Engine.Tests.Constraints.RandomTools;

namespace Granary.Engine.Tests.Constraints;

/// <summary>
/// Tool auto mode near the end of the budget: a call that could not finish is never opened, so no
/// budget ends with a call cut short and dropped (an empty answer), only with a whole call or text.
/// </summary>
public sealed class LateCallTests
{
    private const int ToolCallToken = 3; // <tool_call> in the tiny Qwen3 vocabulary

    [Fact]
    public async Task Every_budget_ends_with_a_whole_call_or_with_text()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3", kvBytes: 32 << 20);
        var parameters = JsonNode.Parse("""{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"],"additionalProperties":false}""")!.AsObject();
        var tools = new JsonArray(Tool("alpha", parameters)).ToJsonString();

        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(async budget =>
            (Budget: budget, Events: await EngineFixture.Collect(engine, Request(tools, budget)))));

        var calls = 0;
        foreach (var (budget, events) in results)
        {
            var finish = events[^1].FinishReason;
            var text = string.Concat(events.Select(e => e.Text));
            var pieces = events.Where(e => e.ToolCalls is not null).SelectMany(e => e.ToolCalls!).ToArray();
            Assert.DoesNotContain("<tool_call>", text, StringComparison.Ordinal);
            if (finish == FinishReason.ToolCalls)
            {
                calls++;
                Assert.Equal("alpha", pieces.Single(p => p.Name is not null).Name);
                Assert.NotNull(JsonNode.Parse(string.Concat(pieces.Select(p => p.Arguments)))!["x"]);
                continue;
            }
            // The biased model opens a call at once whenever one fits: a budget without a call is one too small for any.
            Assert.True(finish == FinishReason.Length, $"budget {budget}: finish {finish}");
            Assert.Empty(pieces);
            Assert.True(text.Length > 0, $"budget {budget}: a call was opened too late to finish, leaving nothing");
        }
        Assert.InRange(calls, 1, results.Length - 1);
    }

    private static GenerationRequest Request(string tools, int budget) => new()
    {
        RequestId = $"late-{budget}",
        Prompt = PromptInput.FromChat(new ChatPrompt
        {
            Messages = [new ChatMessage { Role = "user", Content = "Call a tool." }],
            ToolsJson = tools,
            ChatTemplate = Template,
        }),
        Sampling = new SamplingParams
        {
            Temperature = 0,
            MaxTokens = budget,
            MaxTokensExplicit = true,
            LogitBias = new Dictionary<int, double> { [ToolCallToken] = 100 },
        },
        ToolChoice = ToolChoice.Auto,
    };
}
