using Granary.Grains.Abstractions;
using Granary.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Granary.Grains.Tests;

/// <summary>Drains and retires a replica, so it gets a cluster of its own.</summary>
public sealed class DrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_draining_replica_stays_live_but_gets_no_new_requests_and_a_departed_one_refuses_them()
    {
        var silo = fixture.Cluster.Silos.Single(s => s.Name == "Silo_0");
        var replica = fixture.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<EngineHost>().All.Single();
        var key = replica.Key.ToString();

        replica.Drain();
        await WaitFor(async () => (await fixture.Table.GetReplicas(ClusterFixture.Model)).Single(r => r.Key.ToString() == key).Draining);
        for (var i = 0; i < 10; i++) Assert.NotEqual(key, await fixture.Table.Pick(ClusterFixture.Model));
        Assert.Equal(2, (await fixture.Table.GetReplicas(ClusterFixture.Model)).Count); // live: its streams go on
        Assert.Equal(8, (await ClusterTests.Collect(fixture.Grains.GetGrain<IModelReplicaGrain>(key))).Sum(e => e.TokenIds.Length));

        replica.Leave();
        await Assert.ThrowsAsync<ReplicaUnavailableException>(() => ClusterTests.Collect(fixture.Grains.GetGrain<IModelReplicaGrain>(key)));
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the routing table did not see the drain");
            await Task.Delay(50);
        }
    }
}
