using Granary.Grains.Abstractions;

namespace Granary.Grains.Tests;

/// <summary>Kills a silo, so it gets a cluster of its own.</summary>
public sealed class FailoverTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Killing_a_silo_rebinds_its_sessions_and_new_requests_succeed()
    {
        // Find a conversation bound to the replica on Silo_1 (Silo_0 hosts the test membership table).
        var secondary = fixture.Cluster.Silos.Single(s => s.Name == "Silo_1");
        ISessionGrain? session = null;
        string? bound = null;
        for (var i = 0; session is null; i++)
        {
            var candidate = fixture.Grains.GetGrain<ISessionGrain>($"{ClusterFixture.Model}|conversation-{i}");
            var replica = await candidate.Resolve();
            if (ReplicaKey.Parse(replica!).Silo == secondary.SiloAddress.ToParsableString()) (session, bound) = (candidate, replica);
        }
        Assert.Equal(bound, await session.Resolve()); // affinity holds while the replica lives

        await fixture.Cluster.KillSiloAsync(secondary);
        await fixture.WaitForReplicas(1);

        var rebound = await session.Resolve();
        Assert.NotNull(rebound);
        Assert.NotEqual(bound, rebound);
        var events = await ClusterTests.Collect(fixture.Grains.GetGrain<IModelReplicaGrain>(rebound!));
        Assert.Equal(8, events.Sum(e => e.TokenIds.Length));

        var fresh = await fixture.Table.Pick(ClusterFixture.Model);
        Assert.Equal(rebound, fresh);
        Assert.Equal(8, (await ClusterTests.Collect(fixture.Grains.GetGrain<IModelReplicaGrain>(fresh!))).Sum(e => e.TokenIds.Length));
    }
}
