using Granary.Structured.Tests.Support;

namespace Granary.Structured.Tests.Runtime;

/// <summary>The mask and AcceptToken agree; clones are independent; EOS and special tokens behave.</summary>
public sealed class GrammarMatcherTests
{
    private const string Schema = """
        {"type":"object","properties":{"name":{"type":"string","maxLength":12},"n":{"type":"integer","minimum":-20,"maximum":300},
         "tags":{"type":"array","items":{"enum":["x","yz"]},"maxItems":3},"any":{}},"required":["name","n"]}
        """;

    [Theory]
    [InlineData("tiny", 600)]
    [InlineData("qwen3", 4000)]
    public void Mask_allows_exactly_the_tokens_accept_takes(string vocabularyName, int tokensPerState)
    {
        var vocabulary = Vocabularies.ByName(vocabularyName);
        var tokenizer = Vocabularies.TokenizerByName(vocabularyName);
        var grammar = Grammar.JsonSchema(Schema);
        var random = new Random(11);
        var mask = new ulong[vocabulary.MaskWords()];
        for (var walk = 0; walk < 8; walk++)
        {
            var matcher = new GrammarMatcher(grammar, vocabulary);
            for (var step = 0; step < 40; step++)
            {
                matcher.FillAllowedTokens(mask);
                var candidates = tokensPerState >= vocabulary.Size
                    ? Enumerable.Range(0, vocabulary.Size)
                    : Enumerable.Range(0, tokensPerState).Select(_ => random.Next(vocabulary.Size)).Concat(MaskBits.SetBits(mask, vocabulary.Size).Take(200));
                foreach (var token in candidates)
                {
                    Assert.Equal(MaskBits.IsSet(mask, token), matcher.Clone().AcceptToken(token));
                }

                var allowed = MaskBits.SetBits(mask, vocabulary.Size);
                allowed.Remove(tokenizer.EosTokenId!.Value);
                if (allowed.Count == 0)
                {
                    break;
                }

                Assert.True(matcher.AcceptToken(allowed[random.Next(allowed.Count)]));
            }
        }
    }

    [Fact]
    public void A_refused_token_leaves_the_state_unchanged()
    {
        var vocabulary = Vocabularies.Tiny;
        var matcher = new GrammarMatcher(Grammar.JsonSchema(Schema), vocabulary);
        var before = new ulong[matcher.MaskWords];
        matcher.FillAllowedTokens(before);
        var forbidden = Enumerable.Range(0, vocabulary.Size).First(t => !MaskBits.IsSet(before, t));
        Assert.False(matcher.AcceptToken(forbidden));
        Assert.False(matcher.AcceptToken(-1));
        Assert.False(matcher.AcceptToken(vocabulary.Size));
        var after = new ulong[matcher.MaskWords];
        matcher.FillAllowedTokens(after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Special_tokens_are_never_allowed_and_eos_only_when_complete()
    {
        var vocabulary = Vocabularies.Qwen3;
        var tokenizer = Vocabularies.Qwen3Tokenizer;
        var eos = tokenizer.EosTokenId!.Value;
        var matcher = new GrammarMatcher(Grammar.AnyJsonValue(), vocabulary);
        var mask = new ulong[matcher.MaskWords];
        foreach (var text in new[] { "", "[", "[1", "[1]" })
        {
            if (text.Length > 0)
            {
                Assert.True(matcher.AcceptToken(tokenizer.Encode(text[^1].ToString(), addSpecialTokens: false).Single()));
            }

            matcher.FillAllowedTokens(mask);
            Assert.All(tokenizer.SpecialTokenIds.Where(id => id != eos), id => Assert.False(MaskBits.IsSet(mask, id)));
            Assert.Equal(matcher.IsComplete, MaskBits.IsSet(mask, eos));
        }

        Assert.True(matcher.IsTerminated);
        Assert.Equal([eos], MaskBits.SetBits(mask, vocabulary.Size));
        Assert.True(matcher.AcceptToken(eos));
        Assert.False(matcher.AcceptToken(tokenizer.Encode("1", addSpecialTokens: false).Single()));
    }

    [Fact]
    public void Eos_is_refused_before_completion()
    {
        var matcher = new GrammarMatcher(Grammar.Literal("ab"), ByteVocabulary.Instance);
        Assert.False(matcher.AcceptToken(ByteVocabulary.Eos));
        Assert.True(matcher.AcceptToken('a'));
        Assert.False(matcher.AcceptToken(ByteVocabulary.Eos));
        Assert.True(matcher.AcceptToken('b'));
        Assert.True(matcher.AcceptToken(ByteVocabulary.Eos));
    }

    [Fact]
    public void Clones_are_independent()
    {
        var matcher = ByteVocabulary.Feed(Grammar.Choice(["apple", "apricot", "banana"]), "ap"u8.ToArray())!;
        var fork = matcher.Clone();
        Assert.True(fork.AcceptToken('p'));
        Assert.True(matcher.AcceptToken('r'));
        Assert.False(fork.AcceptToken('i'));
        Assert.True(matcher.AcceptToken('i'));
        Assert.True(fork.AcceptToken('l'));
        var forkMask = new ulong[fork.MaskWords];
        var mask = new ulong[matcher.MaskWords];
        fork.FillAllowedTokens(forkMask);
        matcher.FillAllowedTokens(mask);
        Assert.Equal(['e'], MaskBits.SetBits(forkMask, 257));
        Assert.Equal(['c'], MaskBits.SetBits(mask, 257));
    }

    [Fact]
    public void A_short_mask_is_an_argument_error()
    {
        var matcher = new GrammarMatcher(Grammar.AnyJsonObject(), Vocabularies.Tiny);
        Assert.Throws<ArgumentException>(() => matcher.FillAllowedTokens(new ulong[matcher.MaskWords - 1]));
    }

    [Fact]
    public void A_grammar_is_shared_safely_across_threads()
    {
        var vocabulary = Vocabularies.Tiny;
        var grammar = Grammar.JsonSchema(Schema);
        string Generate(int seed) => new RandomWalker(vocabulary, seed).Generate(grammar, Vocabularies.TinyTokenizer.EosTokenId!.Value, TokenBytes()).Text;
        var sequential = Enumerable.Range(0, 32).Select(seed => Generate(seed)).ToArray();
        var parallel = new string[32];
        Parallel.For(0, 32, seed => parallel[seed] = Generate(seed));
        Assert.Equal(sequential, parallel);
    }

    private static byte[][] TokenBytes() =>
        [.. Enumerable.Range(0, Vocabularies.TinyTokenizer.VocabSize).Select(Vocabularies.TinyTokenizer.TokenBytes)];
}
