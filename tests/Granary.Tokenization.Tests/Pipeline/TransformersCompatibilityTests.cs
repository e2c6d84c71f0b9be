using System.Text.Json.Nodes;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests.Pipeline;

/// <summary>What transformers 5 does on top of tokenizer.json, driven by tokenizer_config.json fields.</summary>
public sealed class TransformersCompatibilityTests
{
    [Fact]
    public void LegacyLlamaPrependsASpaceAfterSpecialTokensAndNonLegacyDoesNot()
    {
        var json = Fixtures.RealTokenizerJson("llama2");
        var legacy = PretrainedTokenizer.FromJson(json, """{"tokenizer_class": "LlamaTokenizer", "legacy": true, "add_bos_token": true, "bos_token": "<s>"}""");
        var current = PretrainedTokenizer.FromJson(json, """{"tokenizer_class": "LlamaTokenizer", "legacy": false, "add_bos_token": true, "bos_token": "<s>"}""");
        Assert.Equal(["<s>", "▁Hello", "▁", "<s>", "▁."], Tokens(legacy, "Hello <s>."));
        Assert.Equal(["<s>", "▁Hello", "▁", "<s>", "."], Tokens(current, "Hello <s>."));
    }

    [Fact]
    public void LlamaWithoutPrefixSpaceNeitherAddsNorStripsIt()
    {
        var tokenizer = PretrainedTokenizer.FromJson(Fixtures.RealTokenizerJson("llama2"), """{"tokenizer_class": "LlamaTokenizer", "add_prefix_space": false}""");
        var ids = tokenizer.Encode("Hello world", addSpecialTokens: false);
        Assert.Equal("H", tokenizer.IdToToken(ids[0])![..1]);
        Assert.Equal(" Hello", tokenizer.Decode(tokenizer.Encode(" Hello", addSpecialTokens: false)));
    }

    [Fact]
    public void TheSamePipelineWithoutTheClassUsesTokenizerJsonVerbatim()
    {
        // tokenizer.json's own normalizer prepends "▁" even before a leading space; transformers' Metaspace does not.
        var plain = PretrainedTokenizer.FromJson(Fixtures.RealTokenizerJson("llama2"), "{}");
        Assert.Equal(["▁▁", "▁leading"], plain.Encode("  leading", addSpecialTokens: false).Select(id => plain.IdToToken(id)));
        var llama = Fixtures.Real("llama2");
        Assert.Equal(["▁", "▁leading"], llama.Encode("  leading", addSpecialTokens: false).Select(id => llama.IdToToken(id)));
    }

    [Fact]
    public void ExplicitAddBosAndEosReplaceThePostProcessor()
    {
        var json = TinyJson();
        var both = PretrainedTokenizer.FromJson(json, """{"add_bos_token": true, "add_eos_token": true, "bos_token": "<s>", "eos_token": "</s>"}""");
        var none = PretrainedTokenizer.FromJson(json, """{"add_bos_token": false, "bos_token": "<s>", "eos_token": "</s>"}""");
        var unspecified = PretrainedTokenizer.FromJson(json, """{"bos_token": "<s>"}""");
        var a = both.TokenToId("a")!.Value;
        Assert.Equal([95, a, 96], both.Encode("a"));
        Assert.Equal([a], none.Encode("a"));
        Assert.Equal([95, a], unspecified.Encode("a"));
    }

    [Fact]
    public void NamedSpecialTokensMissingFromTheVocabularyAreAdded()
    {
        var tokenizer = PretrainedTokenizer.FromJson(TinyJson(), """{"pad_token": "<pad>", "additional_special_tokens": ["<extra>"]}""");
        var pad = tokenizer.TokenToId("<pad>");
        Assert.NotNull(pad);
        Assert.True(tokenizer.IsSpecial(pad!.Value));
        Assert.Equal([pad.Value, tokenizer.TokenToId("<extra>")!.Value], tokenizer.Encode("<pad><extra>", addSpecialTokens: false));
        Assert.Equal(tokenizer.VocabSize - 1, tokenizer.TokenToId("<extra>"));
    }

    [Fact]
    public void CleanUpIsIgnoredForBpeUnlessForced()
    {
        var json = TinyJson();
        var ids = PretrainedTokenizer.FromJson(json).Encode("a ,b", addSpecialTokens: false);
        Assert.Equal("a ,b", PretrainedTokenizer.FromJson(json, """{"clean_up_tokenization_spaces": true}""").Decode(ids));
        Assert.Equal("a,b", PretrainedTokenizer.FromJson(json, """{"clean_up_tokenization_spaces": true, "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output": true}""").Decode(ids));
    }

    [Fact]
    public void Llama31KeepsSpacesBeforePunctuationDespiteItsCleanUpFlag()
    {
        var tokenizer = Fixtures.Real("llama3_1");
        Assert.Equal("x != y , ok .", tokenizer.Decode(tokenizer.Encode("x != y , ok .", addSpecialTokens: false)));
    }

    private static string TinyJson()
    {
        var json = TokenizerJsonBuilder.Bpe(TokenizerJsonBuilder.AsciiVocabulary(), []);
        json["added_tokens"] = new JsonArray(TokenizerJsonBuilder.AddedToken(95, "<s>"), TokenizerJsonBuilder.AddedToken(96, "</s>"));
        json["model"]!["vocab"]!["<s>"] = 95;
        json["model"]!["vocab"]!["</s>"] = 96;
        json["decoder"] = TokenizerJsonBuilder.Node("""{"type": "Fuse"}""");
        json["post_processor"] = TokenizerJsonBuilder.Node("""
            {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
             "pair": [], "special_tokens": {"<s>": {"id": "<s>", "ids": [95], "tokens": ["<s>"]}}}
            """);
        return json.ToJsonString();
    }

    private static string[] Tokens(PretrainedTokenizer tokenizer, string text) =>
        tokenizer.Encode(text).Select(id => tokenizer.IdToToken(id)!).ToArray();
}
