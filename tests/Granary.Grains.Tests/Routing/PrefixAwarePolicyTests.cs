using Granary.Engine.Abstractions;
using Granary.Grains.Routing;

namespace Granary.Grains.Tests.Routing;

/// <summary>The routing policy itself, on hand-made candidates: prefix against load, ties, and who is never a candidate.</summary>
public sealed class PrefixAwarePolicyTests
{
    private const int BlockSize = 16;
    private readonly PrefixAwarePolicy _policy = new(new Random(7));

    [Fact]
    public void With_nothing_cached_the_least_loaded_replica_wins()
    {
        var decision = _policy.Pick(Request(Prompt(1, 200)), [Replica("a", waiting: 3), Replica("b", waiting: 1), Replica("c", waiting: 2)]);

        Assert.Equal(("b", RoutingDecision.Load), (decision!.Key, decision.Reason));
    }

    [Fact]
    public void Running_streams_and_requests_dispatched_since_the_heartbeat_count_as_load()
    {
        Assert.Equal("b", _policy.Pick(RoutingRequest.None, [Replica("a", running: 4), Replica("b", running: 1)])!.Key);
        Assert.Equal("b", _policy.Pick(RoutingRequest.None, [Replica("a", dispatched: 2), Replica("b", dispatched: 1)])!.Key);
    }

    [Fact]
    public void A_replica_holding_the_prompts_prefix_wins_over_an_idle_one_while_its_load_costs_less_than_recomputing()
    {
        var prompt = Prompt(1, 1202);
        var cached = BlockHash.PromptKeys(prompt[..1200], BlockSize);
        var busyWithOneStream = Replica("a", running: 1, cached: cached);

        var decision = _policy.Pick(Request(prompt), [busyWithOneStream, Replica("b")]);

        Assert.Equal(("a", RoutingDecision.Prefix), (decision!.Key, decision.Reason));
        Assert.Equal(cached.Length * BlockSize, decision.CachedTokens);
    }

    [Fact]
    public void A_replica_whose_queue_costs_more_than_the_prefix_saves_loses_to_an_idle_one()
    {
        var prompt = Prompt(1, 600);
        var queued = Replica("a", waiting: 3, cached: BlockHash.PromptKeys(prompt, BlockSize));

        Assert.Equal("b", _policy.Pick(Request(prompt), [queued, Replica("b")])!.Key);
    }

    [Fact]
    public void The_longer_cached_prefix_wins_between_equally_loaded_replicas()
    {
        var prompt = Prompt(1, 800);
        var shortPrefix = Replica("a", cached: BlockHash.PromptKeys(prompt[..200], BlockSize));
        var longPrefix = Replica("b", cached: BlockHash.PromptKeys(prompt[..700], BlockSize));

        Assert.Equal("b", _policy.Pick(Request(prompt), [shortPrefix, longPrefix])!.Key);
    }

    [Fact]
    public void Only_a_leading_run_of_blocks_counts_as_cached_as_the_prefix_cache_attaches_them()
    {
        var prompt = Prompt(1, 400);
        var keys = BlockHash.PromptKeys(prompt, BlockSize);
        var holed = Replica("a", cached: keys.Where((_, i) => i != 2).ToArray());
        var otherBlockSize = Replica("b", cached: keys) with { BlockSize = 32 };

        Assert.Equal(2 * BlockSize, PrefixAwarePolicy.CachedTokens(Request(prompt), holed));
        Assert.Equal(0, PrefixAwarePolicy.CachedTokens(Request(prompt), otherBlockSize));
    }

    [Fact]
    public void Equal_replicas_share_the_requests_rather_than_the_first_one_taking_them_all()
    {
        var candidates = new[] { Replica("a"), Replica("b"), Replica("c") };

        var picks = Enumerable.Range(0, 300).Select(_ => _policy.Pick(RoutingRequest.None, candidates)!.Key).ToArray();

        Assert.All(candidates, c => Assert.InRange(picks.Count(p => p == c.Key), 60, 140));
    }

    [Fact]
    public void A_draining_replica_is_never_chosen_even_when_it_is_the_only_one()
    {
        var prompt = Prompt(1, 500);
        var draining = Replica("a", cached: BlockHash.PromptKeys(prompt, BlockSize)) with { Draining = true };

        Assert.Equal("b", _policy.Pick(Request(prompt), [draining, Replica("b", waiting: 5)])!.Key);
        Assert.Null(_policy.Pick(Request(prompt), [draining]));
    }

    [Fact]
    public void A_replica_with_a_stale_heartbeat_is_ignored_while_a_fresh_one_is_left()
    {
        var prompt = Prompt(1, 500);
        var stale = Replica("a", cached: BlockHash.PromptKeys(prompt, BlockSize)) with { Age = PrefixAwarePolicy.StaleAfter + TimeSpan.FromSeconds(1) };

        Assert.Equal("b", _policy.Pick(Request(prompt), [stale, Replica("b", waiting: 5)])!.Key);
        Assert.Equal("a", _policy.Pick(Request(prompt), [stale])!.Key);
    }

    [Fact]
    public void A_replica_to_avoid_is_chosen_only_when_no_other_is_left()
    {
        var avoid = new RoutingRequest { Avoid = "a" };

        Assert.Equal("b", _policy.Pick(avoid, [Replica("a"), Replica("b", waiting: 4)])!.Key);
        Assert.Equal("a", _policy.Pick(avoid, [Replica("a")])!.Key);
    }

    [Fact]
    public void A_sessions_replica_is_kept_while_not_overloaded_and_left_when_it_is()
    {
        var session = new RoutingRequest { Preferred = "a" };

        var kept = _policy.Pick(session, [Replica("a", waiting: 1), Replica("b")])!;
        var left = _policy.Pick(session, [Replica("a", waiting: 4), Replica("b")])!;

        Assert.Equal(("a", RoutingDecision.Session), (kept.Key, kept.Reason));
        Assert.Equal("b", left.Key);
    }

    [Fact]
    public void A_nearly_full_kv_cache_counts_against_a_replica()
    {
        Assert.Equal("b", _policy.Pick(RoutingRequest.None, [Replica("a", kvUsage: 0.98), Replica("b", running: 2, kvUsage: 0.5)])!.Key);
    }

    [Fact]
    public void The_least_loaded_baseline_ignores_the_cached_prefix()
    {
        var prompt = Prompt(1, 600);
        var cachedButBusier = Replica("a", running: 2, cached: BlockHash.PromptKeys(prompt, BlockSize));

        Assert.Equal("a", _policy.Pick(Request(prompt), [cachedButBusier, Replica("b", running: 1)])!.Key);
        Assert.Equal("b", new LeastLoadedPolicy(new Random(7)).Pick(Request(prompt), [cachedButBusier, Replica("b", running: 1)])!.Key);
    }

    private static int[] Prompt(int seed, int length) => Enumerable.Range(0, length).Select(i => (i * 31 + seed * 7919) % 5000).ToArray();

    private static RoutingRequest Request(int[] prompt) => new()
    {
        PromptTokens = prompt.Length,
        BlockSize = BlockSize,
        Blocks = BlockHash.PromptKeys(prompt, BlockSize),
    };

    private static RoutingCandidate Replica(string key, int waiting = 0, int running = 0, int dispatched = 0, double kvUsage = 0.1, ulong[]? cached = null) => new()
    {
        Key = key,
        Waiting = waiting,
        Running = running,
        Dispatched = dispatched,
        KvCacheUsage = kvUsage,
        BlockSize = BlockSize,
        CachedBlocks = new HashSet<ulong>(cached ?? []),
    };
}
