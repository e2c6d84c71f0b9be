using Granary.Tokenization.Configuration;

namespace Granary.Tokenization.Tests.Configuration;

public sealed class TokenizerConfigReaderTests
{
    [Fact]
    public void ReadsTokensGivenAsStringsOrAddedTokenObjects()
    {
        var config = TokenizerConfigReader.Read(
            """{"bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": true}, "eos_token": "</s>", "pad_token": null}""", null);
        Assert.Equal("<s>", config.NamedSpecialTokens["bos_token"].Content);
        Assert.True(config.NamedSpecialTokens["bos_token"].LStrip);
        Assert.Equal("</s>", config.NamedSpecialTokens["eos_token"].Content);
        Assert.False(config.NamedSpecialTokens.ContainsKey("pad_token"));
    }

    [Fact]
    public void SpecialTokensMapFillsOnlyWhatTheConfigLacks()
    {
        var config = TokenizerConfigReader.Read("""{"eos_token": "<eot>"}""", """{"eos_token": "</s>", "unk_token": {"content": "<unk>"}}""");
        Assert.Equal("<eot>", config.NamedSpecialTokens["eos_token"].Content);
        Assert.Equal("<unk>", config.NamedSpecialTokens["unk_token"].Content);
    }

    [Theory]
    [InlineData("""{"model_max_length": 131072}""", 131072)]
    [InlineData("""{"model_max_length": 1000000000000000019884624838656}""", null)]
    [InlineData("{}", null)]
    public void ModelMaxLengthTreatsTheHugeSentinelAsNone(string json, int? expected) =>
        Assert.Equal(expected, TokenizerConfigReader.Read(json, null).ModelMaxLength);

    [Fact]
    public void ReadsFlags()
    {
        var config = TokenizerConfigReader.Read(
            """{"add_bos_token": true, "add_eos_token": false, "legacy": true, "clean_up_tokenization_spaces": true, "split_special_tokens": true, "tokenizer_class": "LlamaTokenizer"}""", null);
        Assert.True(config.AddBosToken);
        Assert.False(config.AddEosToken);
        Assert.True(config.Legacy);
        Assert.True(config.CleanUpTokenizationSpaces);
        Assert.True(config.SplitSpecialTokens);
        Assert.Equal("LlamaTokenizer", config.TokenizerClass);
        Assert.Null(config.AddPrefixSpace);
    }

    [Fact]
    public void BadJsonNamesTheFile()
    {
        var error = Assert.Throws<TokenizerException>(() => TokenizerConfigReader.Read("{not json", null));
        Assert.Contains("tokenizer_config.json", error.Message, StringComparison.Ordinal);
    }
}
