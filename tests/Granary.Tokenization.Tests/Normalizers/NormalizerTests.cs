using System.Text.Json;
using Granary.Tokenization.Normalizers;

namespace Granary.Tokenization.Tests.Normalizers;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("""{"type": "NFC"}""", "e\u0301 \u212B", "\u00E9 \u00C5")]
    [InlineData("""{"type": "NFD"}""", "\u00E9", "e\u0301")]
    [InlineData("""{"type": "NFKC"}""", "\uFB01 \u00B2 e\u0301", "fi 2 \u00E9")]
    [InlineData("""{"type": "NFKD"}""", "\uFB01\u00E9", "fie\u0301")]
    [InlineData("""{"type": "NFD"}""", "\uD55C", "\u1112\u1161\u11AB")]
    [InlineData("""{"type": "NFC"}""", "\u1112\u1161\u11AB", "\uD55C")]
    [InlineData("""{"type": "NFD"}""", "a\u0302\u0323", "a\u0323\u0302")]
    [InlineData("""{"type": "NFC"}""", "a\u0302\u0323", "\u1EAD")]
    [InlineData("""{"type": "Lowercase"}""", "HeLLo \u0130", "hello i\u0307")]
    [InlineData("""{"type": "Strip", "strip_left": true, "strip_right": false}""", "  a b  ", "a b  ")]
    [InlineData("""{"type": "Strip", "strip_left": true, "strip_right": true}""", "\t a b \n", "a b")]
    [InlineData("""{"type": "StripAccents"}""", "e\u0301te\u0301", "ete")]
    [InlineData("""{"type": "Prepend", "prepend": "\u2581"}""", "Hey", "\u2581Hey")]
    [InlineData("""{"type": "Prepend", "prepend": "\u2581"}""", "", "")]
    [InlineData("""{"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}""", "a b  c", "a\u2581b\u2581\u2581c")]
    [InlineData("""{"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}""", "a \t b\n\nc", "a b c")]
    [InlineData("""{"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "\u2581"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]}""", "Hi there", "\u2581Hi\u2581there")]
    public void NormalizesLikeTokenizers(string json, string input, string expected)
    {
        using var document = JsonDocument.Parse(json);
        var normalizer = NormalizerFactory.FromJson(document.RootElement)!;
        Assert.Equal(expected, normalizer.Normalize(input));
    }

    [Fact]
    public void NfcLeavesAlreadyComposedTextAlone()
    {
        var text = "日本語のテキスト naïve café 😀 한국어 Ünïcödé";
        Assert.Same(text, new UnicodeNormalizer(compose: true, compatibility: false).Normalize(text));
    }

    [Fact]
    public void UnsupportedTypeNamesTheType()
    {
        using var document = JsonDocument.Parse("""{"type": "BertNormalizer"}""");
        var error = Assert.Throws<TokenizerException>(() => NormalizerFactory.FromJson(document.RootElement));
        Assert.Contains("BertNormalizer", error.Message, StringComparison.Ordinal);
    }
}
