using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Serving;
using Granary.Engine.Tests.Support;
using Granary.Structured;
using Granary.Structured.Tests.Support;
using Xunit.Abstractions;
using static Granary.Engine.Tests.Constraints.RandomTools;

namespace Granary.Engine.Tests.Constraints;

/// <summary>
/// Issue #14's property: at temperature 1 on the tiny random-weight models, with max_tokens a few
/// tokens above the shortest completion, every structured output and forced tool call ends whole
/// (finish stop or tool_calls); one token below it, the request is refused naming the budget.
/// </summary>
public sealed class BudgetSteeringPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Structured_outputs_at_tight_budgets_always_complete_and_validate()
    {
        using var engine = await EngineFixture.Start("tiny-llama3", kvBytes: 32 << 20);
        var vocabulary = GrammarVocabularies.For("tiny-llama3");
        var schemas = new RandomSchemas(2024);
        var prompt = Fixtures.Golden("tiny-llama3")[0].Ids;
        var random = new Random(14);
        var runs = Enumerable.Range(0, 300).Select(i =>
        {
            var schema = schemas.Next().ToJsonString();
            var needed = new GrammarMatcher(Grammar.JsonSchema(schema), vocabulary).TokensToCompletion;
            return (Schema: schema, Seed: (long)i, Needed: needed, Budget: i % 10 == 9 ? needed - 1 : needed + random.Next(0, 16));
        }).Where(r => r.Budget >= 1).ToArray();

        var results = await Task.WhenAll(runs.Select(async r =>
        {
            try
            {
                var events = await EngineFixture.Collect(engine, new GenerationRequest
                {
                    RequestId = $"tight-{r.Seed}",
                    Prompt = PromptInput.FromTokens(prompt),
                    Structure = new StructuredOutput { Kind = StructuredOutputKind.JsonSchema, Schema = r.Schema, Strict = true },
                    Sampling = new SamplingParams { Temperature = 1.0, Seed = r.Seed, MaxTokens = r.Budget, MaxTokensExplicit = true },
                });
                return (Run: r, Text: string.Concat(events.Select(e => e.Text)), Finish: events[^1].FinishReason, Tokens: events[^1].CompletionTokens, Refused: (EngineRequestException?)null);
            }
            catch (EngineRequestException refused)
            {
                return (Run: r, Text: "", Finish: (FinishReason?)null, Tokens: 0, Refused: refused);
            }
        }));

        foreach (var (run, text, finish, tokens, refused) in results)
        {
            if (run.Budget < run.Needed)
            {
                Assert.NotNull(refused);
                Assert.Equal(("max_tokens", "max_tokens_too_small"), (refused.Param, refused.Code));
                Assert.Contains($"takes {run.Needed} tokens, but max_tokens is {run.Budget}", refused.Message, StringComparison.Ordinal);
                continue;
            }

            Assert.True(refused is null, $"budget {run.Budget} ≥ shortest {run.Needed}, yet refused: {refused?.Message}");
            Assert.True(finish == FinishReason.Stop, $"finish {finish} at budget {run.Budget} (shortest {run.Needed}): {text}\n{run.Schema}");
            Assert.True(tokens <= run.Budget);
            using var _ = JsonDocument.Parse(text);
            var errors = SchemaValidator.Errors(run.Schema, text);
            Assert.True(errors.Count == 0, $"{text}\ndoes not validate against\n{run.Schema}:\n{string.Join("\n", errors)}");
        }

        output.WriteLine($"{results.Count(r => r.Refused is null)} outputs at budgets of shortest + 0..15 tokens, all whole; {results.Count(r => r.Refused is not null)} refused one token short");
    }

    public static TheoryData<StructuredOutputKind, string?> OtherStructures() => new()
    {
        { StructuredOutputKind.JsonObject, null },
        { StructuredOutputKind.Regex, "[a-z]{2,30}(-[0-9]{1,4})+!" },
        { StructuredOutputKind.Choice, null },
    };

    [Theory]
    [MemberData(nameof(OtherStructures))]
    public async Task Json_object_regex_and_choice_complete_at_every_budget_from_the_shortest(StructuredOutputKind kind, string? pattern)
    {
        using var engine = await EngineFixture.Start("tiny-llama3", kvBytes: 16 << 20);
        var choices = new[] { "a rather long first option", "second", "the third option, longest of all three" };
        var grammar = kind switch
        {
            StructuredOutputKind.JsonObject => Grammar.AnyJsonObject(),
            StructuredOutputKind.Regex => Grammar.Regex(pattern!),
            _ => Grammar.Choice(choices),
        };
        var needed = new GrammarMatcher(grammar, GrammarVocabularies.For("tiny-llama3")).TokensToCompletion;
        var prompt = Fixtures.Golden("tiny-llama3")[0].Ids;
        for (var budget = needed; budget < needed + 12; budget++)
        {
            for (var seed = 0; seed < 4; seed++)
            {
                var events = await EngineFixture.Collect(engine, new GenerationRequest
                {
                    RequestId = $"{kind}-{budget}-{seed}",
                    Prompt = PromptInput.FromTokens(prompt),
                    Structure = new StructuredOutput { Kind = kind, Pattern = pattern, Choices = kind == StructuredOutputKind.Choice ? choices : null },
                    Sampling = new SamplingParams { Temperature = 1.0, Seed = seed, MaxTokens = budget, MaxTokensExplicit = true },
                });
                var text = string.Concat(events.Select(e => e.Text));
                Assert.True(events[^1].FinishReason == FinishReason.Stop, $"{kind} at budget {budget} (shortest {needed}) ended {events[^1].FinishReason}: {text}");
                switch (kind)
                {
                    case StructuredOutputKind.JsonObject:
                        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
                        break;
                    case StructuredOutputKind.Regex:
                        Assert.Matches($"^(?:{pattern})$", text);
                        break;
                    default:
                        Assert.Contains(text, choices);
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task Forced_tool_calls_at_tight_budgets_are_whole_and_framed()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3", kvBytes: 32 << 20);
        var schemas = new RandomSchemas(1414);
        var random = new Random(41);
        var runs = Enumerable.Range(0, 36).Select(i =>
        {
            var tools = new JsonArray(Tool("alpha", Parameters(schemas)), Tool("beta", Parameters(schemas)));
            var (choice, parallel) = (i % 3) switch
            {
                0 => (new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "beta" }, true),
                1 => (ToolChoice.Required, false),
                _ => (ToolChoice.Required, true),
            };
            return (Tools: tools, Choice: choice, Parallel: parallel, Seed: (long)i, Slack: random.Next(0, 12));
        }).ToArray();

        foreach (var run in runs)
        {
            // One token is always too few: the refusal names the shortest call, which must then fit.
            var refused = await Assert.ThrowsAsync<EngineRequestException>(() => EngineFixture.Collect(engine, CallRequest(run.Tools, run.Choice, run.Parallel, run.Seed, 1)));
            var needed = int.Parse(Regex.Match(refused.Message, @"takes (\d+) tokens").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("max_tokens", refused.Param);
            var budget = needed + run.Slack;
            var events = await EngineFixture.Collect(engine, CallRequest(run.Tools, run.Choice, run.Parallel, run.Seed, budget));

            Assert.Equal(FinishReason.ToolCalls, events[^1].FinishReason);
            Assert.Equal("", string.Concat(events.Select(e => e.Text)));
            var calls = events.Where(e => e.ToolCalls is not null).SelectMany(e => e.ToolCalls!).GroupBy(p => p.Index).ToArray();
            if (run.Choice.Mode == ToolChoiceMode.Named || !run.Parallel) Assert.Single(calls);
            foreach (var call in calls)
            {
                var name = Assert.Single(call, p => p.Name is not null).Name!;
                if (run.Choice.Mode == ToolChoiceMode.Named) Assert.Equal("beta", name);
                var arguments = string.Concat(call.Select(p => p.Arguments));
                var schema = run.Tools.Single(t => t!["function"]!["name"]!.GetValue<string>() == name)!["function"]!["parameters"]!.ToJsonString();
                var errors = SchemaValidator.Errors(schema, arguments);
                Assert.True(errors.Count == 0, $"{name}({arguments}) at budget {budget} (shortest {needed}) does not validate against {schema}: {string.Join("; ", errors)}");
            }
        }
    }

    [Fact]
    public async Task A_named_tool_choice_makes_exactly_one_call_even_with_room_for_more()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3", kvBytes: 16 << 20);
        var tools = new JsonArray(Tool("alpha", new JsonObject { ["type"] = "object" }), Tool("beta", new JsonObject { ["type"] = "object" }));
        for (var seed = 0; seed < 15; seed++)
        {
            var events = await EngineFixture.Collect(engine, CallRequest(tools, new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = "alpha" }, true, seed, 300));
            var pieces = events.Where(e => e.ToolCalls is not null).SelectMany(e => e.ToolCalls!).ToArray();
            Assert.All(pieces, p => Assert.Equal(0, p.Index));
            Assert.Equal("alpha", Assert.Single(pieces, p => p.Name is not null).Name);
            Assert.Equal(FinishReason.ToolCalls, events[^1].FinishReason);
        }
    }

    private static GenerationRequest CallRequest(JsonArray tools, ToolChoice choice, bool parallel, long seed, int maxTokens) => new()
    {
        RequestId = $"calls-{seed}-{maxTokens}",
        Prompt = PromptInput.FromChat(new ChatPrompt
        {
            Messages = [new ChatMessage { Role = "user", Content = "Call a tool." }],
            ToolsJson = tools.ToJsonString(),
            ChatTemplate = Template,
        }),
        Sampling = new SamplingParams { Temperature = 1.0, Seed = seed, MaxTokens = maxTokens, MaxTokensExplicit = true },
        ToolChoice = choice,
        ParallelToolCalls = parallel,
    };
}
