using Granary.Structured.Tests.Support;

namespace Granary.Structured.Tests;

public sealed class SmokeTests
{
    [Theory]
    [InlineData("tiny")]
    [InlineData("qwen3")]
    public void Generates_any_json_object(string vocabularyName)
    {
        var vocabulary = Vocabularies.ByName(vocabularyName);
        var tokenizer = Vocabularies.TokenizerByName(vocabularyName);
        var bytes = Enumerable.Range(0, tokenizer.VocabSize).Select(tokenizer.TokenBytes).ToArray();
        for (var seed = 0; seed < 20; seed++)
        {
            var walk = new RandomWalker(vocabulary, seed).Generate(Grammar.AnyJsonObject(), tokenizer.EosTokenId!.Value, bytes);
            Console.WriteLine(walk.Text);
            using var document = System.Text.Json.JsonDocument.Parse(walk.Text);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }
}
