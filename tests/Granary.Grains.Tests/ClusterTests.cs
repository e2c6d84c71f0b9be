using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Granary.Grains.Tests;

public sealed class ClusterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    internal static readonly GenerationRequest Request = new()
    {
        RequestId = "t",
        Prompt = PromptInput.FromText("Hello world"),
        Sampling = new SamplingParams { Temperature = 0, MaxTokens = 8, MaxTokensExplicit = true, IgnoreEos = true },
    };

    [Fact]
    public async Task Replicas_live_only_on_silos_that_carry_the_model()
    {
        var replicas = await fixture.Table.GetReplicas(ClusterFixture.Model);
        var silos = fixture.Cluster.Silos.ToDictionary(s => s.SiloAddress.ToParsableString(), s => s.Name);

        Assert.Equal(2, replicas.Count);
        Assert.All(replicas, r => Assert.NotEqual(ClusterFixture.ModelFreeSilo, silos[r.Key.Silo]));
        var modelFree = fixture.Cluster.Silos.Single(s => s.Name == ClusterFixture.ModelFreeSilo);
        Assert.Empty(fixture.Cluster.GetSiloServiceProvider(modelFree.SiloAddress).GetRequiredService<EngineHost>().ReplicaKeys);

        // A replica addressed to the model-free silo cannot be placed anywhere.
        var stray = new ReplicaKey(ClusterFixture.Model, modelFree.SiloAddress.ToParsableString(), 0);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Grains.GetGrain<IModelReplicaGrain>(stray.ToString()).GetStatus());
    }

    [Fact]
    public async Task A_request_streams_through_a_replica_grain()
    {
        var key = await fixture.Table.Pick(ClusterFixture.Model);
        var events = await Collect(fixture.Grains.GetGrain<IModelReplicaGrain>(key!));

        Assert.Equal(8, events[0].Prompt!.TokenCount); // "Hello world" is 8 tokens with BOS in tiny-llama3
        Assert.Equal(8, events.Sum(e => e.TokenIds.Length));
        Assert.Equal(FinishReason.Length, events[^1].FinishReason);
    }

    [Fact]
    public async Task A_session_id_holding_the_key_separator_still_resolves_to_its_model()
    {
        var session = fixture.Grains.GetGrain<ISessionGrain>($"{ClusterFixture.Model}|client|chosen|id");
        var replica = await session.Resolve();

        Assert.NotNull(replica);
        Assert.Equal(ClusterFixture.Model, ReplicaKey.Parse(replica).Model);
    }

    internal static async Task<List<GenerationEvent>> Collect(IModelReplicaGrain replica)
    {
        var events = new List<GenerationEvent>();
        await foreach (var e in replica.Generate(Request)) events.Add(e);
        return events;
    }
}
