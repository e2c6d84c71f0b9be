using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>Continuous batching, the paged pool and prefix caching, seen from the engine's API.</summary>
public sealed class SchedulingTests
{
    private static readonly int[][] Prompts = Fixtures.Golden("tiny-llama3").Select(c => c.Ids).ToArray();

    [Fact]
    public async Task Concurrent_requests_equal_requests_run_alone()
    {
        using var engine = await EngineFixture.Start();
        var alone = new List<int[]>();
        foreach (var prompt in Prompts)
            alone.Add(EngineFixture.Tokens(await EngineFixture.Collect(engine, EngineFixture.Greedy(prompt, 20)))[0]);

        var together = await Task.WhenAll(Prompts.Select(p => EngineFixture.Collect(engine, EngineFixture.Greedy(p, 20))));

        for (var i = 0; i < Prompts.Length; i++) Assert.Equal(alone[i], EngineFixture.Tokens(together[i])[0]);
    }

    [Fact]
    public async Task A_prefix_cache_hit_gives_the_cold_output_and_is_counted()
    {
        using var engine = await EngineFixture.Start(blockSize: 4);
        var prompt = Prompts[3]; // 33 tokens: 8 full blocks of 4
        var cold = EngineFixture.Tokens(await EngineFixture.Collect(engine, EngineFixture.Greedy(prompt, 16)))[0];
        var hitsBefore = engine.GetStats().PrefixCacheHits;

        var warmEvents = await EngineFixture.Collect(engine, EngineFixture.Greedy(prompt, 16));

        Assert.Equal(cold, EngineFixture.Tokens(warmEvents)[0]);
        Assert.Equal(32, warmEvents[0].Prompt!.CachedTokenCount);
        Assert.Equal(hitsBefore + 32, engine.GetStats().PrefixCacheHits);
    }

    [Fact]
    public async Task Without_prefix_caching_nothing_is_reused()
    {
        using var engine = await EngineFixture.Start(blockSize: 4, prefixCaching: false);
        await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompts[3], 4));
        var again = await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompts[3], 4));
        Assert.Equal(0, again[0].Prompt!.CachedTokenCount);
        Assert.Equal(0, engine.GetStats().PrefixCacheHits);
    }

    [Fact]
    public async Task Cancelling_a_request_frees_its_blocks()
    {
        using var engine = await EngineFixture.Start(prefixCaching: false);
        using var cancel = new CancellationTokenSource();
        var received = 0;
        var run = Task.Run(async () =>
        {
            await foreach (var e in engine.GenerateAsync(EngineFixture.Greedy(Prompts[0], 480), cancel.Token))
                if (++received == 5) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        await EngineFixture.WaitUntil(() => engine.GetStats() is { Running: 0, Waiting: 0, KvCacheUsage: 0 });
        // Stopped well short of the 480 it asked for (how far past the 5th depends on the machine's load).
        Assert.InRange(engine.GetStats().TotalGeneratedTokens, 5, 400);
    }

    [Fact]
    public async Task A_full_pool_queues_and_preempts_instead_of_failing()
    {
        // tiny-llama3 caches 512 bytes a token: 48 KiB is 96 tokens, six blocks of 16, for eight
        // requests that each need about 60 tokens.
        using var small = await EngineFixture.Start(kvBytes: 48 << 10, maxBatchedTokens: 64, maxModelLength: 64);
        using var roomy = await EngineFixture.Start();
        var requests = Enumerable.Range(0, 8).Select(i => Prompts[i % Prompts.Length]).ToArray();

        var expected = await Task.WhenAll(requests.Select(p => EngineFixture.Collect(roomy, EngineFixture.Greedy(p, 24))));
        var actual = await Task.WhenAll(requests.Select(p => EngineFixture.Collect(small, EngineFixture.Greedy(p, 24))));

        for (var i = 0; i < requests.Length; i++)
            Assert.Equal(EngineFixture.Tokens(expected[i])[0], EngineFixture.Tokens(actual[i])[0]);
        Assert.All(actual, events => Assert.Equal(FinishReason.Length, events[^1].FinishReason));
        Assert.True(small.GetStats().Preemptions > 0, "the pool was meant to run out mid-decode");
    }

    [Fact]
    public async Task A_long_prompt_is_prefilled_in_chunks_with_the_same_result()
    {
        using var chunked = await EngineFixture.Start(maxBatchedTokens: 7);
        using var whole = await EngineFixture.Start();
        var prompt = Prompts[3];

        var expected = EngineFixture.Tokens(await EngineFixture.Collect(whole, EngineFixture.Greedy(prompt, 12)))[0];
        var actual = EngineFixture.Tokens(await EngineFixture.Collect(chunked, EngineFixture.Greedy(prompt, 12)))[0];

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task N_choices_share_one_prefill_and_each_gets_the_full_output()
    {
        using var engine = await EngineFixture.Start(blockSize: 4);
        var single = EngineFixture.Tokens(await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompts[1], 10)))[0];
        var promptTokensBefore = engine.GetStats().TotalPromptTokens;

        var events = await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompts[2], 10, n: 3));
        var prefilled = engine.GetStats().TotalPromptTokens - promptTokensBefore;

        Assert.Equal(Prompts[2].Length, prefilled); // one prefill for three choices
        var choices = EngineFixture.Tokens(events, 3);
        var alone = EngineFixture.Tokens(await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompts[2], 10)))[0];
        Assert.All(choices, c => Assert.Equal(alone, c)); // greedy: every choice is the same continuation
        Assert.Equal(3, events.Count(e => e.FinishReason is not null));
        Assert.NotEqual(single, alone);
    }
}
