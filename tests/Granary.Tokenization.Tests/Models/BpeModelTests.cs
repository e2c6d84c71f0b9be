using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Tokenization.Models;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests.Models;

public sealed class BpeModelTests
{
    [Fact]
    public void MergesLowestRankFirst()
    {
        // "b c" outranks "a b", so "abc" becomes a + bc, never ab + c.
        var model = Build(["a", "b", "c", "ab", "bc", "abc"], ["b c", "a b", "ab c"]);
        Assert.Equal(["a", "bc"], Tokens(model, "abc"));
    }

    [Fact]
    public void IgnoreMergesTakesAWholeVocabularyWordAsIs()
    {
        var vocabulary = new[] { "a", "b", "c", "ab", "bc", "abc" };
        var merges = new[] { "b c", "a b" };
        Assert.Equal(["a", "bc"], Tokens(Build(vocabulary, merges), "abc"));
        Assert.Equal(["abc"], Tokens(Build(vocabulary, merges, m => m["ignore_merges"] = true), "abc"));
        Assert.Equal(["a", "bc", "a"], Tokens(Build(vocabulary, merges, m => m["ignore_merges"] = true), "abca"));
    }

    [Fact]
    public void EqualRanksMergeLeftmostFirst()
    {
        var model = Build(["a", "aa", "aaa"], ["a a", "aa a"]);
        Assert.Equal(["aa", "aa"], Tokens(model, "aaaa"));
        Assert.Equal(["aaa"], Tokens(model, "aaa"));
    }

    [Fact]
    public void PairMergesAndStringMergesAreTheSame()
    {
        var json = TokenizerJsonBuilder.Bpe(["h", "i", "hi"], []);
        json["model"]!["merges"] = new JsonArray(new JsonArray("h", "i"));
        Assert.Equal(["hi"], Tokens(Read(json), "hi"));
    }

    [Fact]
    public void ByteFallbackSpellsUnknownCharactersAsBytes()
    {
        var vocabulary = new List<string> { "<unk>", "a", "<0xE2>", "<0x82>", "<0xAC>" };
        var model = Build(vocabulary, [], m => { m["byte_fallback"] = true; m["unk_token"] = "<unk>"; });
        Assert.Equal(["a", "<0xE2>", "<0x82>", "<0xAC>", "a"], Tokens(model, "a€a"));
        // No byte tokens for "é": the unknown token stands in.
        Assert.Equal(["a", "<unk>"], Tokens(model, "aé"));
    }

    [Fact]
    public void UnknownCharactersFuseOnlyWhenAsked()
    {
        var vocabulary = new List<string> { "<unk>", "a" };
        Assert.Equal(["a", "<unk>", "<unk>", "a"], Tokens(Build(vocabulary, [], m => m["unk_token"] = "<unk>"), "aéèa"));
        Assert.Equal(["a", "<unk>", "a"], Tokens(Build(vocabulary, [], m => { m["unk_token"] = "<unk>"; m["fuse_unk"] = true; }), "aéèa"));
        Assert.Equal(["a", "a"], Tokens(Build(vocabulary, []), "aéèa"));
    }

    [Fact]
    public void SubwordPrefixAndWordSuffixDecorateSymbols()
    {
        var vocabulary = new List<string> { "h", "##e", "##y</w>", "h##e" };
        var model = Build(vocabulary, [], m => { m["continuing_subword_prefix"] = "##"; m["end_of_word_suffix"] = "</w>"; });
        Assert.Equal(["h", "##e", "##y</w>"], Tokens(model, "hey"));
    }

    [Fact]
    public void MergeWithTokenOutsideTheVocabularyIsAnError()
    {
        var error = Assert.Throws<TokenizerException>(() => Build(["a"], ["a b"]));
        Assert.Contains("\"b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherModelTypesAreRefusedByName()
    {
        var json = TokenizerJsonBuilder.Bpe(["a"], []);
        json["model"]!["type"] = "WordPiece";
        var error = Assert.Throws<TokenizerException>(() => Read(json));
        Assert.Contains("WordPiece", error.Message, StringComparison.Ordinal);
    }

    private static BpeModel Build(IEnumerable<string> vocabulary, IEnumerable<string> merges, Action<JsonObject>? configure = null) =>
        Read(TokenizerJsonBuilder.Bpe(vocabulary, merges, configure));

    private static BpeModel Read(JsonObject json)
    {
        using var document = JsonDocument.Parse(json["model"]!.ToJsonString());
        return ModelFactory.FromJson(document.RootElement);
    }

    private static string[] Tokens(BpeModel model, string word)
    {
        var ids = new List<int>();
        model.Tokenize(word, ids);
        return ids.Select(id => model.IdToToken(id)!).ToArray();
    }
}
