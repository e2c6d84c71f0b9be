using System.Text;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests.Detokenization;

/// <summary>
/// Random id sequences over every fixture tokenizer, biased towards the hard tokens (byte-fallback
/// bytes, partial UTF-8 byte-level tokens, special tokens): deltas never split a character and add
/// up to the full decode.
/// </summary>
public sealed class IncrementalDetokenizerPropertyTests
{
    private const int Sequences = 150;
    private const int Length = 40;

    public static TheoryData<string, bool> Tokenizers()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in Fixtures.RealTokenizers.Concat(Fixtures.TinyModels))
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void DeltasAddUpToDecodeAndNeverSplitCharacters(string name, bool skipSpecialTokens)
    {
        var tokenizer = Fixtures.Any(name);
        var sampler = new HardTokenSampler(tokenizer, seed: name.GetHashCode(StringComparison.Ordinal) ^ (skipSpecialTokens ? 1 : 2));
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var ids = sampler.Sequence(Length);
            var detokenizer = tokenizer.CreateDetokenizer([], skipSpecialTokens);
            var streamed = new StringBuilder();
            foreach (var id in ids)
            {
                var delta = detokenizer.Add(id);
                AssertWholeCharacters(delta, ids);
                streamed.Append(delta);
            }

            var rest = detokenizer.Flush();
            AssertWholeCharacters(rest, ids);
            streamed.Append(rest);
            Assert.True(tokenizer.Decode(ids, skipSpecialTokens) == streamed.ToString(), $"{name}: stream differs from decode for [{string.Join(", ", ids)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void AfterAPromptDeltasAddUpToWhatDecodingAddsToThePrompt(string name, bool skipSpecialTokens)
    {
        var tokenizer = Fixtures.Any(name);
        var sampler = new HardTokenSampler(tokenizer, seed: 7 + name.Length);
        var prompts = new[] { "Hello world", "The answer is", "日本語の", "Say \"hi\" 😀" };
        for (var sequence = 0; sequence < Sequences / 3; sequence++)
        {
            var prompt = tokenizer.Encode(prompts[sequence % prompts.Length]).ToArray();
            var ids = sampler.Sequence(Length / 2);
            var detokenizer = tokenizer.CreateDetokenizer(prompt, skipSpecialTokens);
            var streamed = string.Concat(ids.Select(detokenizer.Add)) + detokenizer.Flush();

            var promptText = tokenizer.Decode(prompt, skipSpecialTokens);
            var fullText = tokenizer.Decode(prompt.Concat(ids).ToArray(), skipSpecialTokens);
            Assert.StartsWith(promptText, fullText, StringComparison.Ordinal);
            Assert.Equal(fullText[promptText.Length..], streamed);
        }
    }

    private static void AssertWholeCharacters(string delta, int[] ids)
    {
        for (var i = 0; i < delta.Length; i++)
        {
            if (char.IsHighSurrogate(delta[i]))
            {
                Assert.True(i + 1 < delta.Length && char.IsLowSurrogate(delta[i + 1]), $"unpaired high surrogate in a delta for [{string.Join(", ", ids)}]");
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(delta[i]), $"unpaired low surrogate in a delta for [{string.Join(", ", ids)}]");
            }
        }
    }
}
