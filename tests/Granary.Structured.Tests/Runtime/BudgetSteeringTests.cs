using System.Text;
using System.Text.Json;
using Granary.Structured.Tests.Support;
using Xunit.Abstractions;

namespace Granary.Structured.Tests.Runtime;

/// <summary>
/// Budget steering: a walk that samples uniformly among the allowed tokens ends whole within any
/// budget its start's <see cref="GrammarMatcher.TokensToCompletion"/> fits in, and far from the
/// budget the masks are the unsteered ones.
/// </summary>
public sealed class BudgetSteeringTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int> Batches() => new()
    {
        { "tiny", 0, 300 },
        { "qwen3", 1000, 40 },
        { "llama2", 2000, 40 },
    };

    [Fact]
    public void Token_distance_counts_the_shortest_spelling_and_eos()
    {
        var bytes = ByteVocabulary.Instance;
        Assert.Equal(5, new GrammarMatcher(Grammar.Literal("hello"), bytes).TokensToCompletion); // nothing follows: no EOS
        var plus = new GrammarMatcher(Grammar.Regex("a+"), bytes);
        Assert.Equal(2, plus.TokensToCompletion);
        Assert.True(plus.AcceptToken('a'));
        Assert.Equal(1, plus.TokensToCompletion);
        Assert.True(plus.AcceptToken(ByteVocabulary.Eos));
        Assert.Equal(0, plus.TokensToCompletion);

        // A vocabulary with "hello" as one token spells it in one.
        var words = TokenVocabulary.Create(
            [.. Enumerable.Range(0, 256).Select(b => new[] { (byte)b }), "hello"u8.ToArray(), "</s>"u8.ToArray()],
            new HashSet<int> { 257 }, new HashSet<int> { 257 });
        Assert.Equal(1, new GrammarMatcher(Grammar.Literal("hello"), words).TokensToCompletion);
    }

    [Fact]
    public void At_the_last_tokens_only_the_way_to_the_end_stays()
    {
        var matcher = new GrammarMatcher(Grammar.Regex("a+"), ByteVocabulary.Instance);
        var mask = new ulong[matcher.MaskWords];
        matcher.FillAllowedTokens(mask, tokensLeft: 2);
        Assert.Equal(['a'], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
        Assert.True(matcher.AcceptToken('a'));
        matcher.FillAllowedTokens(mask, tokensLeft: 1);
        Assert.Equal([ByteVocabulary.Eos], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
        matcher.FillAllowedTokens(mask, tokensLeft: 5);
        Assert.Equal(['a', ByteVocabulary.Eos], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
    }

    [Fact]
    public void A_budget_too_small_keeps_tokens_that_bring_the_end_nearer()
    {
        var matcher = new GrammarMatcher(Grammar.Choice(["abcdef", "xy"]), ByteVocabulary.Instance);
        Assert.Equal(2, matcher.TokensToCompletion);
        var mask = new ulong[matcher.MaskWords];
        matcher.FillAllowedTokens(mask, tokensLeft: 1);
        Assert.Equal(['x'], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
        matcher.FillAllowedTokens(mask, tokensLeft: 2);
        Assert.Equal(['x'], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
        matcher.FillAllowedTokens(mask, tokensLeft: 6);
        Assert.Equal(['a', 'x'], MaskBits.SetBits(mask, ByteVocabulary.Instance.Size));
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Random_walks_at_tight_budgets_end_whole_and_validate(string vocabularyName, int firstSeed, int count)
    {
        var vocabulary = Vocabularies.ByName(vocabularyName);
        var tokenizer = Vocabularies.TokenizerByName(vocabularyName);
        var eos = tokenizer.EosTokenId!.Value;
        var failures = new List<string>();
        var slack = new List<int>();
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var schemaJson = new RandomSchemas(seed).Next().ToJsonString();
            var grammar = Grammar.JsonSchema(schemaJson);
            var random = new Random(seed);
            var shortest = new GrammarMatcher(grammar, vocabulary).TokensToCompletion;
            var budget = shortest + random.Next(0, 12);
            var (text, used, ended) = Walk(grammar, vocabulary, eos, budget, random);
            slack.Add(budget - shortest);
            if (!ended)
            {
                failures.Add($"seed {seed}: not ended within {budget} tokens (shortest {shortest}): {text}");
                continue;
            }

            try
            {
                using var _ = JsonDocument.Parse(text);
                var errors = SchemaValidator.Errors(schemaJson, text);
                if (errors.Count > 0)
                {
                    failures.Add($"seed {seed}: {string.Join("; ", errors)}\n  schema: {schemaJson}\n  output: {text}");
                }
            }
            catch (JsonException exception)
            {
                failures.Add($"seed {seed}: does not parse ({exception.Message}) after {used} of {budget} tokens\n  output: {text}");
            }
        }

        output.WriteLine($"{count} walks at budgets of the shortest completion + 0..11 tokens");
        foreach (var failure in failures.Take(5))
        {
            output.WriteLine(failure);
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Far_from_the_budget_masks_are_exactly_the_unsteered_ones()
    {
        var vocabulary = Vocabularies.Tiny;
        var size = vocabulary.Size;
        var plain = new ulong[vocabulary.MaskWords()];
        var steered = new ulong[vocabulary.MaskWords()];
        var narrowed = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            var grammar = Grammar.JsonSchema(new RandomSchemas(seed).Next().ToJsonString());
            var random = new Random(seed);
            var matcher = new GrammarMatcher(grammar, vocabulary);
            const int Budget = 200;
            for (var step = 0; step < Budget && !matcher.IsTerminated; step++)
            {
                matcher.FillAllowedTokens(plain);
                matcher.FillAllowedTokens(steered, 1_000_000 - step);
                Assert.Equal(plain, steered);

                // At a budget of its own, a mask loses exactly the tokens after which the end no longer fits.
                var left = Budget - step;
                matcher.FillAllowedTokens(steered, left);
                foreach (var token in MaskBits.SetBits(plain, size))
                {
                    var fork = matcher.Clone();
                    Assert.True(fork.AcceptToken(token));
                    Assert.Equal(fork.TokensToCompletion <= left - 1, MaskBits.IsSet(steered, token));
                }

                narrowed += plain.SequenceEqual(steered) ? 0 : 1;
                var allowed = MaskBits.SetBits(steered, size);
                if (matcher.IsComplete)
                {
                    break;
                }

                Assert.True(matcher.AcceptToken(allowed[random.Next(allowed.Count)]));
            }
        }

        output.WriteLine($"{narrowed} steps narrowed");
    }

    /// <summary>Uniform among the allowed tokens (EOS included) under the budget: the text, tokens used, and whether it ended complete.</summary>
    private static (string Text, int Used, bool Ended) Walk(Grammar grammar, TokenVocabulary vocabulary, int eos, int budget, Random random)
    {
        var matcher = new GrammarMatcher(grammar, vocabulary);
        var mask = new ulong[matcher.MaskWords];
        var bytes = new List<byte>();
        for (var used = 0; used < budget; used++)
        {
            if (matcher.IsTerminated)
            {
                return (Encoding.UTF8.GetString([.. bytes]), used, true);
            }

            matcher.FillAllowedTokens(mask, budget - used);
            var allowed = MaskBits.SetBits(mask, vocabulary.Size);
            if (allowed.Count == 0)
            {
                return (Encoding.UTF8.GetString([.. bytes]) + " [dead end]", used, false);
            }

            var token = allowed[random.Next(allowed.Count)];
            Assert.True(matcher.AcceptToken(token));
            if (token == eos)
            {
                return (Encoding.UTF8.GetString([.. bytes]), used + 1, true);
            }

            bytes.AddRange(vocabulary.TokenBytes[token]);
        }

        return (Encoding.UTF8.GetString([.. bytes]), budget, matcher.IsTerminated);
    }
}
