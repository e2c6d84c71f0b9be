using System.Text;
using System.Text.Json;
using Granary.Tokenization.Decoders;

namespace Granary.Tokenization.Tests.Decoders;

public sealed class DecoderTests
{
    private const string LlamaChain = """
        {"type": "Sequence", "decoders": [
          {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
          {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}
        """;

    [Theory]
    [InlineData("""{"type": "ByteLevel"}""", new[] { "Hello", "Ġworld", "Ċ" }, "Hello world\n")]
    [InlineData("""{"type": "ByteLevel"}""", new[] { "ä¸", "Ń" }, "中")]
    [InlineData("""{"type": "ByteLevel"}""", new[] { "ä¸", "a" }, "\uFFFDa")]
    [InlineData("""{"type": "ByteLevel"}""", new[] { "<|eot_id|>", "a b" }, "<|eot_id|>a b")]
    [InlineData(LlamaChain, new[] { "▁Hello", "▁world" }, "Hello world")]
    [InlineData(LlamaChain, new[] { "<0xE4>", "<0xB8>", "<0xAD>", "▁x" }, "中 x")]
    [InlineData(LlamaChain, new[] { "<0x41>", "<0x80>", "▁x" }, "\uFFFD\uFFFD x")]
    [InlineData(LlamaChain, new[] { "▁", "▁▁a" }, "  a")]
    [InlineData("""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true}""", new[] { "▁▁Hey", "▁you" }, "Hey you")]
    [InlineData("""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "never", "split": true}""", new[] { "▁Hey", "▁you" }, " Hey you")]
    [InlineData("""{"type": "Strip", "content": "x", "start": 2, "stop": 1}""", new[] { "xxxaxx", "bx" }, "xaxb")]
    [InlineData("""{"type": "BPEDecoder", "suffix": "</w>"}""", new[] { "hel", "lo</w>", "you</w>" }, "hello you")]
    public void DecodesLikeTokenizers(string json, string[] tokens, string expected) =>
        Assert.Equal(expected, string.Concat(Decoder(json).DecodeChain(tokens.ToList())));

    [Theory]
    [InlineData("""{"type": "ByteLevel"}""", "Ġworld", " world")]
    [InlineData(LlamaChain, "▁Hello", " Hello")]
    [InlineData("""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true}""", "▁Hi", " Hi")]
    public void MapsOneTokenToTheTextItAddsMidSequence(string json, string token, string expected)
    {
        var piece = Decoder(json).MapToken(TokenPiece.FromText(token));
        Assert.Equal(expected, piece.Bytes is null ? piece.Text : Encoding.UTF8.GetString(piece.Bytes));
    }

    [Fact]
    public void ByteTokensMapToTheirByte()
    {
        Assert.Equal([0xE4], Decoder(LlamaChain).MapToken(TokenPiece.FromText("<0xE4>")).Bytes);
        Assert.Equal([0xE4, 0xB8], Decoder("""{"type": "ByteLevel"}""").MapToken(TokenPiece.FromText("ä¸")).Bytes);
    }

    [Fact]
    public void ByteFallbackTokensAreOpenEnded()
    {
        var decoder = Decoder(LlamaChain);
        Assert.True(decoder.IsOpenEnded("<0x41>"));
        Assert.False(decoder.IsOpenEnded("▁a"));
    }

    [Fact]
    public void UnsupportedTypeNamesTheType()
    {
        var error = Assert.Throws<TokenizerException>(() => Decoder("""{"type": "CTC"}"""));
        Assert.Contains("CTC", error.Message, StringComparison.Ordinal);
    }

    private static IDecoder Decoder(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DecoderFactory.FromJson(document.RootElement)!;
    }
}
