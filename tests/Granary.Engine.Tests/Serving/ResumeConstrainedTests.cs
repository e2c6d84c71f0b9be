using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;
using Granary.Structured.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>
/// Resumed choices whose output a grammar constrains (structured output, forced tool calls) or whose
/// calls a trigger opens (tool auto mode): the replayed grammar and parser state go on exactly where the
/// interrupted replica's were, from every cut of its seeded stream.
/// </summary>
public sealed class ResumeConstrainedTests
{
    private const string Schema = """
        {"type": "object", "properties": {"name": {"type": "string", "maxLength": 6}, "age": {"type": "integer", "minimum": 0, "maximum": 99}},
         "required": ["name", "age"], "additionalProperties": false}
        """;

    private const string Tools = """
        [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object",
          "properties": {"city": {"type": "string", "maxLength": 8}}, "required": ["city"], "additionalProperties": false}}}]
        """;

    private const int ToolCallToken = 3; // <tool_call>, special in the tiny Qwen3 tokenizer

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_json_schema_output_resumes_identical_and_valid(long seed)
    {
        using var first = await EngineFixture.Start();
        using var second = await EngineFixture.Start();
        var request = new GenerationRequest
        {
            RequestId = $"schema-{seed}",
            Prompt = PromptInput.FromTokens(Fixtures.Golden("tiny-llama3")[0].Ids),
            Structure = new StructuredOutput { Kind = StructuredOutputKind.JsonSchema, Schema = Schema, Strict = true },
            Sampling = new SamplingParams { Temperature = 1.0, Seed = seed, MaxTokens = 80, MaxTokensExplicit = true },
        };

        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, request);

        Assert.Equal(FinishReason.Stop, full[^1].FinishReason);
        Assert.Empty(SchemaValidator.Errors(Schema, StreamCut.Text(full)));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 2)]
    public async Task A_json_schema_output_steered_by_a_tight_budget_resumes_identical_and_valid(long seed, int slack)
    {
        // The remaining budget is a function of the tokens so far: a replayed choice steers exactly as the original.
        using var first = await EngineFixture.Start();
        using var second = await EngineFixture.Start();
        var budget = GrammarVocabularies.ShortestCompletion(Granary.Structured.Grammar.JsonSchema(Schema)) + slack;
        var request = new GenerationRequest
        {
            RequestId = $"tight-schema-{seed}",
            Prompt = PromptInput.FromTokens(Fixtures.Golden("tiny-llama3")[0].Ids),
            Structure = new StructuredOutput { Kind = StructuredOutputKind.JsonSchema, Schema = Schema, Strict = true },
            Sampling = new SamplingParams { Temperature = 1.0, Seed = seed, MaxTokens = budget, MaxTokensExplicit = true },
        };

        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, request);

        Assert.Equal(FinishReason.Stop, full[^1].FinishReason);
        Assert.Empty(SchemaValidator.Errors(Schema, StreamCut.Text(full)));
    }

    [Fact]
    public async Task A_required_tool_call_resumes_with_the_same_call()
    {
        var full = await ResumeCalls(ToolChoice.Required, seed: 7, bias: null);

        Assert.Equal(FinishReason.ToolCalls, full[^1].FinishReason);
        Assert.Equal("", StreamCut.Text(full));
        var pieces = full.SelectMany(e => e.ToolCalls ?? []).ToArray();
        Assert.Equal("get_weather", Assert.Single(pieces, p => p.Name is not null).Name);
        Assert.Empty(SchemaValidator.Errors(ToolParameters, string.Concat(pieces.Select(p => p.Arguments))));
    }

    [Fact]
    public async Task An_auto_mode_call_after_text_resumes_from_before_and_after_its_trigger()
    {
        // A bias makes the model write <tool_call> after some text; from there the call grammar holds.
        var full = await ResumeCalls(ToolChoice.Auto, seed: 1, bias: new Dictionary<int, double> { [ToolCallToken] = 5 });

        Assert.Equal(FinishReason.ToolCalls, full[^1].FinishReason);
        var trigger = Array.FindIndex(full, e => e.TokenIds.Contains(ToolCallToken));
        Assert.True(trigger > 0 && StreamCut.Text(full.Take(trigger)).Length > 0, "text precedes the call");
        Assert.Equal("get_weather", Assert.Single(full.SelectMany(e => e.ToolCalls ?? []), p => p.Name is not null).Name);
    }

    private static string ToolParameters => System.Text.Json.Nodes.JsonNode.Parse(Tools)![0]!["function"]!["parameters"]!.ToJsonString();

    private static async Task<GenerationEvent[]> ResumeCalls(ToolChoice choice, long seed, Dictionary<int, double>? bias)
    {
        using var first = await EngineFixture.Start("tiny-qwen3");
        using var second = await EngineFixture.Start("tiny-qwen3");
        var request = new GenerationRequest
        {
            RequestId = $"tools-{seed}",
            Prompt = PromptInput.FromChat(new ChatPrompt { Messages = [new ChatMessage { Role = "user", Content = "Weather in Paris?" }], ToolsJson = Tools }),
            Sampling = new SamplingParams { Temperature = 1.0, Seed = seed, MaxTokens = 80, MaxTokensExplicit = true, LogitBias = bias },
            ToolChoice = choice,
            ParallelToolCalls = false,
        };
        return await ResumeRuns.AssertResumesAtEveryCut(first, second, request);
    }
}
