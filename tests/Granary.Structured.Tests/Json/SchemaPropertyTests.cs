using System.Text.Json;
using Granary.Structured.Tests.Support;
using Xunit.Abstractions;

namespace Granary.Structured.Tests.Json;

/// <summary>
/// The issue's check: random schemas × random walks over real vocabularies. Every output must
/// parse and validate (NJsonSchema), and every walk must end.
/// </summary>
public sealed class SchemaPropertyTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int> Batches() => new()
    {
        { "tiny", 0, 150 },
        { "tiny", 150, 150 },
        { "qwen3", 0, 150 },
        { "qwen3", 150, 150 },
        { "llama2", 300, 60 }, // SentencePiece-style: "▁" spaces, byte-fallback tokens
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_walks_over_random_schemas_always_validate(string vocabularyName, int firstSeed, int count)
    {
        var vocabulary = Vocabularies.ByName(vocabularyName);
        var tokenizer = Vocabularies.TokenizerByName(vocabularyName);
        var tokenBytes = Enumerable.Range(0, tokenizer.VocabSize).Select(tokenizer.TokenBytes).ToArray();
        var failures = new List<string>();
        var lengths = new List<int>();
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var schemaJson = new RandomSchemas(seed).Next().ToJsonString();
            var grammar = Grammar.JsonSchema(schemaJson);
            var walk = new RandomWalker(vocabulary, seed).Generate(grammar, tokenizer.EosTokenId!.Value, tokenBytes);
            Assert.True(walk.EndedWithEos, $"seed {seed}: the walk did not end with EOS");
            lengths.Add(walk.Tokens.Count);
            try
            {
                using var _ = JsonDocument.Parse(walk.Text);
                var errors = SchemaValidator.Errors(schemaJson, walk.Text);
                if (errors.Count > 0)
                {
                    failures.Add($"seed {seed}: {string.Join("; ", errors)}\n  schema: {schemaJson}\n  output: {walk.Text}");
                }
            }
            catch (JsonException exception)
            {
                failures.Add($"seed {seed}: does not parse ({exception.Message})\n  output: {walk.Text}");
            }
        }

        output.WriteLine($"{count} walks: {lengths.Average():F1} tokens on average, longest {lengths.Max()}, {lengths.Count(n => n > RandomWalker.FreeSteps)} finished by the shortest way");
        foreach (var failure in failures.Take(5))
        {
            output.WriteLine(failure);
        }

        Assert.Empty(failures);
    }
}
