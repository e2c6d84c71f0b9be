using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Granary.Grains.Hosting;
using Orleans.TestingHost;

namespace Granary.Grains.Tests;

/// <summary>
/// Three in-process silos: Silo_0 and Silo_1 run a tiny-llama3 engine each, Silo_2 carries no model.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Model = "tiny-llama3";
    public const string ModelFreeSilo = "Silo_2";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The routing table of the model-free (gateway) silo, where routing happens.</summary>
    public IReplicaTableGrain Table =>
        Grains.GetGrain<IReplicaTableGrain>(Cluster.Silos.Single(s => s.Name == ModelFreeSilo).SiloAddress.ToParsableString());

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((options, silo) =>
        {
            var carriesModel = options.SiloName != ModelFreeSilo;
            silo.AddGranaryGrains(carriesModel ? "worker" : "gateway", carriesModel
                ? worker =>
                {
                    worker.Models.Add(new EngineOptions
                    {
                        ModelPath = Path.Combine(AppContext.BaseDirectory, "fixtures", Model),
                        KvCacheBytes = 8 << 20,
                    });
                    worker.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                }
                : null);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitForReplicas(2);
    }

    public async Task WaitForReplicas(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await Table.GetReplicas(Model)).Count != count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"expected {count} replicas of {Model}");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
