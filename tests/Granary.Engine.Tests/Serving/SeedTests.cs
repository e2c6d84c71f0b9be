using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

public sealed class SeedTests
{
    private static readonly int[] Prompt = Fixtures.Golden("tiny-qwen3")[1].Ids;

    private static GenerationRequest Sampled(long? seed, int n = 1) => new()
    {
        RequestId = "s",
        Prompt = PromptInput.FromTokens(Prompt),
        Sampling = new SamplingParams { Temperature = 1.0, TopP = 0.95, MaxTokens = 24, MaxTokensExplicit = true, IgnoreEos = true, Seed = seed, N = n },
    };

    [Fact]
    public async Task The_same_seed_gives_the_same_output_alone_and_batched_with_others()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3");
        var alone = EngineFixture.Tokens(await EngineFixture.Collect(engine, Sampled(1234)))[0];
        var again = EngineFixture.Tokens(await EngineFixture.Collect(engine, Sampled(1234)))[0];

        var crowd = Enumerable.Range(0, 6).Select(i => EngineFixture.Collect(engine, Sampled(i % 2 == 0 ? null : 99))).ToList();
        var batched = EngineFixture.Collect(engine, Sampled(1234));
        await Task.WhenAll(crowd.Append(batched));

        Assert.Equal(alone, again);
        Assert.Equal(alone, EngineFixture.Tokens(await batched)[0]);
        Assert.NotEqual(alone, EngineFixture.Tokens(await EngineFixture.Collect(engine, Sampled(1235)))[0]);
    }

    [Fact]
    public async Task Seeded_choices_differ_from_each_other_and_repeat_across_requests()
    {
        using var engine = await EngineFixture.Start("tiny-qwen3");
        var first = EngineFixture.Tokens(await EngineFixture.Collect(engine, Sampled(7, n: 3)), 3);
        var second = EngineFixture.Tokens(await EngineFixture.Collect(engine, Sampled(7, n: 3)), 3);

        Assert.Equal(first, second);
        Assert.Equal(3, first.Select(c => string.Join(',', c)).Distinct().Count());
    }
}
