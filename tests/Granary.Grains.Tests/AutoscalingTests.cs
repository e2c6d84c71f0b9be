using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Granary.Grains.Hosting;
using Orleans.TestingHost;

namespace Granary.Grains.Tests;

/// <summary>A silo that may grow a second replica while requests queue, and retire it when idle.</summary>
public sealed class AutoscalingTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddGranaryGrains("all", worker =>
        {
            // One sequence at a time per engine, so concurrent requests queue.
            worker.Models.Add(new EngineOptions
            {
                ModelPath = Path.Combine(AppContext.BaseDirectory, "fixtures", ClusterFixture.Model),
                KvCacheBytes = 8 << 20,
                MaxNumSequences = 1,
            });
            worker.MaxReplicasPerModel = 2;
            worker.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
            worker.ScaleCheckInterval = TimeSpan.FromMilliseconds(100);
            worker.ScaleUpAfterChecks = 2;
            worker.ScaleDownAfter = TimeSpan.FromSeconds(1);
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task A_sustained_queue_adds_a_replica_and_idleness_retires_it()
    {
        var table = _cluster.Client.GetGrain<IReplicaTableGrain>(_cluster.Silos.Single().SiloAddress.ToParsableString());
        await WaitFor(async () => (await table.GetReplicas(ClusterFixture.Model)).Count == 1, "the standing replica");

        var load = Enumerable.Range(0, 8).Select(i => Generate(table, 200)).ToArray();
        await WaitFor(async () => (await table.GetReplicas(ClusterFixture.Model)).Count == 2, "a second replica under load");
        await Task.WhenAll(load);

        await WaitFor(async () => (await table.GetReplicas(ClusterFixture.Model)).Count == 1, "the extra replica retired when idle");
        Assert.Equal(0, (await table.GetReplicas(ClusterFixture.Model)).Single().Key.Index); // the standing one stays
        Assert.Equal(5, await Generate(table, 5)); // and still serves
    }

    private async Task<int> Generate(IReplicaTableGrain table, int tokens)
    {
        var key = await table.Pick(ClusterFixture.Model);
        var request = ClusterTests.Request with
        {
            Sampling = ClusterTests.Request.Sampling with { MaxTokens = tokens },
        };
        var count = 0;
        await foreach (var e in _cluster.Client.GetGrain<IModelReplicaGrain>(key!).Generate(request)) count += e.TokenIds.Length;
        return count;
    }

    private static async Task WaitFor(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
