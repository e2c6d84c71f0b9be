using System.Text.Json;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests;

/// <summary>The tiny model folders: prompt ids as the model saw them and the decode of their greedy continuations.</summary>
public sealed class TinyModelGoldenTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Fixtures.TinyModels)
        {
            using var golden = Fixtures.TinyGolden(name);
            for (var i = 0; i < golden.RootElement.GetProperty("cases").GetArrayLength(); i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodesPromptAsTheModelSawIt(string model, int index)
    {
        var golden = Case(model, index);
        var tokenizer = Fixtures.Tiny(model);
        var prompt = golden.GetProperty("prompt").GetString()!;
        // A rendered chat template already starts with BOS; apply_chat_template encodes it without special tokens.
        var addSpecialTokens = tokenizer.BosToken is null || !prompt.StartsWith(tokenizer.BosToken, StringComparison.Ordinal);
        Assert.Equal(Fixtures.Ints(golden.GetProperty("ids")), tokenizer.Encode(prompt, addSpecialTokens));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesGreedyContinuation(string model, int index)
    {
        var golden = Case(model, index);
        var generated = Fixtures.Ints(golden.GetProperty("greedy_24"));
        Assert.Equal(golden.GetProperty("greedy_text").GetString(), Fixtures.Tiny(model).Decode(generated));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StreamsGreedyContinuationAfterPrompt(string model, int index)
    {
        var golden = Case(model, index);
        var tokenizer = Fixtures.Tiny(model);
        var prompt = Fixtures.Ints(golden.GetProperty("ids"));
        var generated = Fixtures.Ints(golden.GetProperty("greedy_24"));
        var detokenizer = tokenizer.CreateDetokenizer(prompt, skipSpecialTokens: false);
        var streamed = string.Concat(generated.Select(detokenizer.Add)) + detokenizer.Flush();

        var promptText = tokenizer.Decode(prompt);
        var fullText = tokenizer.Decode(prompt.Concat(generated).ToArray());
        Assert.StartsWith(promptText, fullText, StringComparison.Ordinal);
        Assert.Equal(fullText[promptText.Length..], streamed);
        Assert.Equal(streamed, detokenizer.Text);
    }

    private static JsonElement Case(string model, int index)
    {
        using var document = Fixtures.TinyGolden(model);
        return document.RootElement.GetProperty("cases")[index].Clone();
    }
}
