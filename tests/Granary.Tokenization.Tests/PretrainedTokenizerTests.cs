using System.Text;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests;

public sealed class PretrainedTokenizerTests
{
    [Theory]
    [InlineData("llama3_1", 128256)]
    [InlineData("qwen3", 151669)]
    [InlineData("llama2", 32000)]
    [InlineData("tiny-llama3", 600)]
    public void VocabSizeCountsAddedTokensLikeLen(string name, int expected) =>
        Assert.Equal(expected, Fixtures.Any(name).VocabSize);

    [Fact]
    public void ExposesNamedSpecialTokens()
    {
        var llama = Fixtures.Real("llama3_1");
        Assert.Equal(("<|begin_of_text|>", 128000, "<|eot_id|>", 128009), (llama.BosToken, llama.BosTokenId, llama.EosToken, llama.EosTokenId));
        Assert.Null(llama.ModelMaxLength);

        var qwen = Fixtures.Real("qwen3");
        Assert.Null(qwen.BosToken);
        Assert.Null(qwen.BosTokenId);
        Assert.Equal(151645, qwen.EosTokenId);
        Assert.Equal("<|endoftext|>", qwen.SpecialTokenStrings["pad_token"]);
        Assert.Equal(131072, qwen.ModelMaxLength);
    }

    [Fact]
    public void SpecialFlagComesFromTheAddedTokens()
    {
        var qwen = Fixtures.Real("qwen3");
        Assert.True(qwen.IsSpecial(151644));
        Assert.False(qwen.IsSpecial(151657)); // <tool_call> is added but not special
        Assert.False(qwen.IsSpecial(9707));
        Assert.Contains(151643, qwen.SpecialTokenIds);
        Assert.Equal("<tool_call>\n", qwen.Decode([151657, 198], skipSpecialTokens: true));
    }

    [Fact]
    public void TokenToIdAndBack()
    {
        var llama = Fixtures.Real("llama3_1");
        Assert.Equal(9906, llama.TokenToId("Hello"));
        Assert.Equal("ĠHello", llama.IdToToken(22691));
        Assert.Equal("<|eot_id|>", llama.IdToToken(128009));
        Assert.Null(llama.TokenToId("definitely not a token"));
        Assert.Null(llama.IdToToken(999_999));
    }

    [Theory]
    [InlineData("llama3_1", "Ġ", new byte[] { 0x20 })]
    [InlineData("llama3_1", "<|eot_id|>", new byte[] { 0x3C, 0x7C, 0x65, 0x6F, 0x74, 0x5F, 0x69, 0x64, 0x7C, 0x3E })]
    [InlineData("qwen3", "ä¸", new byte[] { 0xE4, 0xB8 })]
    [InlineData("llama2", "<0xE4>", new byte[] { 0xE4 })]
    [InlineData("llama2", "▁Hello", new byte[] { 0x20, 0x48, 0x65, 0x6C, 0x6C, 0x6F })]
    [InlineData("llama2", "</s>", new byte[] { 0x3C, 0x2F, 0x73, 0x3E })]
    public void TokenBytesAreWhatTheTokenAddsToText(string name, string token, byte[] expected)
    {
        var tokenizer = Fixtures.Real(name);
        Assert.Equal(expected, tokenizer.TokenBytes(tokenizer.TokenToId(token)!.Value));
    }

    [Theory]
    [InlineData("llama3_1")]
    [InlineData("qwen3")]
    [InlineData("llama2")]
    public void TokenBytesConcatenateToTheDecodeOfOrdinaryText(string name)
    {
        var tokenizer = Fixtures.Real(name);
        const string text = "Mixed text: naïve café, 日本語, emoji 😀🚀, code `x**2`.";
        var ids = tokenizer.Encode(text, addSpecialTokens: false);
        var bytes = ids.SelectMany(tokenizer.TokenBytes).ToArray();
        // SentencePiece-style tokenizers strip the one space they prepend; byte-level ones add none.
        var decoded = Encoding.UTF8.GetString(bytes);
        Assert.Equal(text, name == "llama2" ? decoded[1..] : decoded);
    }

    [Fact]
    public void TokenBytesOfAnUnknownIdThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Fixtures.Real("qwen3").TokenBytes(-1));

    [Fact]
    public void DecodeIgnoresIdsOutsideTheVocabulary() =>
        Assert.Equal("Hello", Fixtures.Real("llama3_1").Decode([9906, 999_999]));

    [Fact]
    public void FromDirectoryNamesTheMissingFile()
    {
        var error = Assert.Throws<TokenizerException>(() => PretrainedTokenizer.FromDirectory(Path.GetTempPath()));
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJsonNamesBrokenJson()
    {
        var error = Assert.Throws<TokenizerException>(() => PretrainedTokenizer.FromJson("{\"model\": "));
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }
}
