using System.Text.Json.Nodes;
using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Serving;
using Granary.Structured.Tests.Support;
using static Granary.Engine.Tests.Constraints.RandomTools;

namespace Granary.Engine.Tests.Constraints;

/// <summary>
/// Required and named tool calls at temperature 1 on the tiny Qwen3 (Hermes format): every call
/// that completes names an allowed tool and its arguments validate against that tool's schema.
/// </summary>
public sealed class ToolCallPropertyTests
{
    [Fact]
    public async Task Forced_calls_are_always_well_formed_and_valid()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3", kvBytes: 32 << 20);
        var schemas = new RandomSchemas(77);
        var runs = Enumerable.Range(0, 60).Select(i =>
        {
            var tools = new JsonArray(Tool("alpha", Parameters(schemas)), Tool("beta", Parameters(schemas)));
            var choice = i % 3 == 0 ? new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "beta" } : ToolChoice.Required;
            return (Tools: tools, Choice: choice, Seed: (long)i);
        }).ToArray();

        var results = await Task.WhenAll(runs.Select(async run =>
        {
            var events = await EngineFixture.Collect(engine, new GenerationRequest
            {
                RequestId = $"tools-{run.Seed}",
                Prompt = PromptInput.FromChat(new ChatPrompt
                {
                    Messages = [new ChatMessage { Role = "user", Content = "Call a tool." }],
                    ToolsJson = run.Tools.ToJsonString(),
                    ChatTemplate = Template,
                }),
                Sampling = new SamplingParams { Temperature = 1.0, Seed = run.Seed, MaxTokens = 400, MaxTokensExplicit = true },
                ToolChoice = run.Choice,
                ParallelToolCalls = false,
            });
            return (run, events);
        }));

        var completed = 0;
        foreach (var (run, events) in results)
        {
            var finish = events[^1].FinishReason;
            Assert.True(finish is FinishReason.ToolCalls or FinishReason.Length, $"finish {finish}");
            if (finish != FinishReason.ToolCalls) continue;
            completed++;
            var pieces = events.Where(e => e.ToolCalls is not null).SelectMany(e => e.ToolCalls!).ToArray();
            Assert.All(pieces, p => Assert.Equal(0, p.Index));
            var name = pieces.Single(p => p.Name is not null).Name!;
            var arguments = string.Concat(pieces.Select(p => p.Arguments));
            Assert.Equal("", string.Concat(events.Select(e => e.Text)));
            if (run.Choice.Mode == ToolChoiceMode.Named) Assert.Equal("beta", name);
            var schema = run.Tools.Single(t => t!["function"]!["name"]!.GetValue<string>() == name)!["function"]!["parameters"]!.ToJsonString();
            var errors = SchemaValidator.Errors(schema, arguments);
            Assert.True(errors.Count == 0, $"{name}({arguments}) does not validate against {schema}: {string.Join("; ", errors)}");
        }
        Assert.True(completed >= results.Length / 2, $"only {completed} calls completed: too few to judge");
    }
}
