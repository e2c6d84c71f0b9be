using Granary.Tokenization.Detokenization;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests.Detokenization;

public sealed class IncrementalDetokenizerTests
{
    [Fact]
    public void FirstSentencePieceTokenAfterAPromptKeepsItsSpace()
    {
        var llama = Fixtures.Real("llama2");
        var world = llama.Encode(" world", addSpecialTokens: false);
        Assert.Equal(" world", Stream(llama.CreateDetokenizer(llama.Encode("Hello"), skipSpecialTokens: true), world));
        // Without a prompt, the stream matches Decode, which strips the leading space.
        Assert.Equal("world", Stream(llama.CreateDetokenizer([], skipSpecialTokens: true), world));
        Assert.Equal("world", llama.Decode(world));
    }

    [Fact]
    public void AfterAPromptOfOnlySkippedSpecialTokensTheStreamStartsLikeDecode()
    {
        var llama = Fixtures.Real("llama2");
        var ids = llama.Encode(" Hi", addSpecialTokens: false);
        Assert.Equal("Hi", Stream(llama.CreateDetokenizer([1], skipSpecialTokens: true), ids));
        Assert.Equal(" Hi", Stream(llama.CreateDetokenizer([1], skipSpecialTokens: false), ids));
    }

    [Fact]
    public void HoldsBackPartialCharactersUntilTheyComplete()
    {
        var qwen = Fixtures.Real("qwen3");
        var emoji = qwen.Encode("🚀!", addSpecialTokens: false).ToArray();
        var detokenizer = qwen.CreateDetokenizer([], skipSpecialTokens: true);
        var deltas = emoji.Select(detokenizer.Add).ToList();
        Assert.Contains("🚀", deltas.Where(d => d.Length > 0).First(), StringComparison.Ordinal);
        Assert.All(deltas.TakeWhile(d => d.Length == 0), d => Assert.Equal(string.Empty, d));
        Assert.Equal("🚀!", string.Concat(deltas) + detokenizer.Flush());
    }

    [Fact]
    public void ByteFallbackRunsWaitForTheRunToEnd()
    {
        var llama = Fixtures.Real("llama2");
        int Id(string token) => llama.TokenToId(token)!.Value;
        var detokenizer = llama.CreateDetokenizer(llama.Encode("x"), skipSpecialTokens: true);
        Assert.Equal(string.Empty, detokenizer.Add(Id("<0x41>")));
        Assert.Equal(string.Empty, detokenizer.Add(Id("<0x80>")));
        Assert.Equal("\uFFFD\uFFFD hi", detokenizer.Add(Id("▁hi")));
    }

    [Fact]
    public void InvalidBytesAtTheEndComeOutOnFlush()
    {
        var qwen = Fixtures.Real("qwen3");
        var partial = qwen.TokenToId("ä¸")!.Value;
        var detokenizer = qwen.CreateDetokenizer([], skipSpecialTokens: true);
        Assert.Equal(string.Empty, detokenizer.Add(partial));
        Assert.Equal(qwen.Decode([partial]), detokenizer.Flush());
        Assert.Equal(qwen.Decode([partial]), detokenizer.Text);
    }

    [Fact]
    public void SkippedSpecialTokensProduceNothing()
    {
        var qwen = Fixtures.Real("qwen3");
        var detokenizer = qwen.CreateDetokenizer([], skipSpecialTokens: true);
        Assert.Equal(string.Empty, detokenizer.Add(151645));
        Assert.Equal("Hello", detokenizer.Add(9707));
    }

    [Fact]
    public void CleanUpRemovesSpacesBeforePunctuationAndContractions() =>
        Assert.Equal("Hello, world! I'm sure it's fine. Don't'' go", CleanUpTokenization.Apply("Hello , world ! I 'm sure it 's fine . Do n't ' ' go"));

    private static string Stream(IncrementalDetokenizer detokenizer, IEnumerable<int> ids) =>
        string.Concat(ids.Select(detokenizer.Add)) + detokenizer.Flush();
}
