using System.Text.Json;
using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Serving;
using Granary.Engine.Tests.Support;
using Granary.Structured.Tests.Support;
using Xunit.Abstractions;

namespace Granary.Engine.Tests.Constraints;

/// <summary>
/// The issue's property test: 300 seeded random schemas, the tiny random-weight model sampling at
/// temperature 1, and NJsonSchema as the judge of every output that ends on its own.
/// </summary>
public sealed class StructuredOutputPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_completed_output_parses_and_validates()
    {
        using var engine = await EngineFixture.Start("tiny-llama3", kvBytes: 32 << 20);
        var schemas = new RandomSchemas(2024);
        var prompt = Fixtures.Golden("tiny-llama3")[0].Ids;
        var requests = Enumerable.Range(0, 300).Select(i => (Schema: schemas.Next().ToJsonString(), Seed: (long)i)).ToArray();

        var results = await Task.WhenAll(requests.Select(async r =>
        {
            var events = await EngineFixture.Collect(engine, new GenerationRequest
            {
                RequestId = $"schema-{r.Seed}",
                Prompt = PromptInput.FromTokens(prompt),
                Structure = new StructuredOutput { Kind = StructuredOutputKind.JsonSchema, Schema = r.Schema, Strict = true },
                Sampling = new SamplingParams { Temperature = 1.0, Seed = r.Seed, MaxTokens = 400, MaxTokensExplicit = true },
            });
            return (r.Schema, Text: string.Concat(events.Select(e => e.Text)), Finish: events[^1].FinishReason);
        }));

        var completed = results.Where(r => r.Finish == FinishReason.Stop).ToArray();
        output.WriteLine($"{completed.Length} of {results.Length} outputs ended on their own; the rest reached max_tokens");
        foreach (var (schema, text, _) in completed)
        {
            using var _ = JsonDocument.Parse(text); // parses
            IReadOnlyList<string> errors;
            try { errors = SchemaValidator.Errors(schema, text); }
            catch (InvalidOperationException e) { throw new InvalidOperationException($"{e.Message}\nTEXT {JsonSerializer.Serialize(text)}\nSCHEMA {schema}"); }
            Assert.True(errors.Count == 0, $"{text}\ndoes not validate against\n{schema}:\n{string.Join("\n", errors)}");
        }
        Assert.All(results.Where(r => r.Finish != FinishReason.Stop), r => Assert.Equal(FinishReason.Length, r.Finish));
        Assert.True(completed.Length >= results.Length / 2, $"only {completed.Length} outputs completed: too few to judge");
    }
}
