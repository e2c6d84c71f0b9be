using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace Granary.Grains.Tests.Routing;

/// <summary>The routing policy on its own: whom a request goes to, and when a replica stops counting.</summary>
public sealed class ReplicaTableTests
{
    private const string Model = "m";
    private readonly FakeMembership _membership = new();
    private readonly ManualClock _clock = new();
    private readonly ReplicaTable _table;
    private readonly SiloAddress _a;
    private readonly SiloAddress _b;

    public ReplicaTableTests()
    {
        _table = new ReplicaTable(_membership, new EmptyMetadata(), NullLogger<ReplicaTable>.Instance, _clock);
        _a = _membership.Set(11111, SiloStatus.Active);
        _b = _membership.Set(11112, SiloStatus.Active);
    }

    [Fact]
    public void Picks_the_least_loaded_replica()
    {
        _table.Heartbeat(Status(_a, queued: 3));
        _table.Heartbeat(Status(_b, queued: 1));

        Assert.Equal(Key(_b), _table.Pick(Model));
    }

    [Fact]
    public void Requests_sent_since_the_last_heartbeat_count_as_load_so_idle_equals_share_the_work()
    {
        _table.Heartbeat(Status(_a, queued: 0));
        _table.Heartbeat(Status(_b, queued: 0));

        var picks = Enumerable.Range(0, 6).Select(_ => _table.Pick(Model)).ToArray();

        Assert.Equal(3, picks.Count(p => p == Key(_a)));
        Assert.Equal(3, picks.Count(p => p == Key(_b)));
        _table.Heartbeat(Status(_a, queued: 0)); // a heartbeat replaces the estimate with the truth
        Assert.Equal(Key(_a), _table.Pick(Model));
    }

    [Fact]
    public void A_draining_replica_is_live_but_never_picked()
    {
        _table.Heartbeat(Status(_a, queued: 0) with { Draining = true });
        _table.Heartbeat(Status(_b, queued: 5));

        Assert.Equal(Key(_b), _table.Pick(Model));
        Assert.False(_table.IsServing(Key(_a)));
        Assert.Equal(2, _table.Replicas(Model).Count);
        Assert.False(_table.LostToken(Key(_a)).IsCancellationRequested);
    }

    [Fact]
    public void A_replica_to_avoid_is_picked_only_when_no_other_is_left()
    {
        _table.Heartbeat(Status(_a, queued: 0));
        _table.Heartbeat(Status(_b, queued: 9));

        Assert.Equal(Key(_b), _table.Pick(Model, avoid: Key(_a)));
        _table.Remove(Key(_b), "test");
        Assert.Equal(Key(_a), _table.Pick(Model, avoid: Key(_a)));
    }

    [Fact]
    public void A_replica_whose_silo_is_declared_dead_is_dropped_and_its_streams_learn_of_it()
    {
        _table.Heartbeat(Status(_a, queued: 0));
        _table.Heartbeat(Status(_b, queued: 0));
        var lost = _table.LostToken(Key(_a));

        _membership.Set(11111, SiloStatus.Dead);
        _table.Sweep();

        Assert.True(lost.IsCancellationRequested);
        Assert.Equal([Key(_b)], _table.Replicas(Model).Select(r => r.Key.ToString()));
        Assert.Equal(Key(_b), _table.Pick(Model));
    }

    [Fact]
    public void A_silent_replica_is_dropped_after_the_expiry_and_a_beating_one_is_not()
    {
        _table.Heartbeat(Status(_a, queued: 0));
        _table.Heartbeat(Status(_b, queued: 0));

        _clock.Now += ReplicaTable.Expiry - TimeSpan.FromSeconds(1);
        _table.Heartbeat(Status(_b, queued: 0));
        _clock.Now += TimeSpan.FromSeconds(2);
        _table.Sweep();

        Assert.Equal([Key(_b)], _table.Replicas(Model).Select(r => r.Key.ToString()));
        Assert.True(_table.LostToken(Key(_a)).IsCancellationRequested);
    }

    [Fact]
    public void A_model_without_replicas_stays_listed_with_its_state()
    {
        _table.Heartbeat(Status(_a, queued: 0));
        Assert.Equal((1, ModelStates.Ready), Listing());

        _table.Heartbeat(Status(_a, queued: 0) with { Draining = true });
        Assert.Equal((0, ModelStates.Draining), Listing());

        _table.Remove(Key(_a), "test");
        Assert.Equal((0, ModelStates.Unavailable), Listing());
        Assert.Equal(4096, _table.Models().Single().MaxModelLength);
        Assert.Null(_table.Pick(Model));
    }

    [Fact]
    public void A_request_goes_where_the_heartbeats_say_its_prefix_is_cached()
    {
        var prompt = Enumerable.Range(0, 300).ToArray();
        var summary = new PrefixSummary { BlockSize = 16, Blocks = BlockHash.PromptKeys(prompt, 16) };
        _table.Heartbeat(Status(_a, queued: 0));
        _table.Heartbeat(Status(_b, queued: 0) with { Stats = new EngineStats { Running = 1, Prefix = summary, HasGenerated = true } });

        var decision = _table.Route(Model, new RoutingRequest { PromptTokens = prompt.Length, BlockSize = _table.BlockSize(Model), Blocks = BlockHash.PromptKeys(prompt, 16) });

        Assert.Equal((Key(_b), 288), (decision!.Key, decision.CachedTokens));
    }

    [Fact]
    public void Other_models_replicas_are_not_candidates()
    {
        _table.Heartbeat(Status(_a, queued: 0, model: "other"));

        Assert.Null(_table.Pick(Model));
        Assert.Equal(Key(_a, "other"), _table.Pick("other"));
    }

    private (int Replicas, string State) Listing()
    {
        var card = _table.Models().Single();
        return (card.Replicas!.Value, card.State!);
    }

    private static string Key(SiloAddress silo, string model = Model) => new ReplicaKey(model, silo.ToParsableString(), 0).ToString();

    private static ReplicaStatus Status(SiloAddress silo, int queued, string model = Model) => new(
        new ReplicaKey(model, silo.ToParsableString(), 0),
        new ModelCard { Id = model, MaxModelLength = 4096 },
        new EngineStats { Waiting = queued, HasGenerated = true });
}
