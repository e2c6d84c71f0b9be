using Granary.Grains.Abstractions;
using Granary.Grains.Placement;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Granary.Grains.Routing;

/// <summary>The door to one silo's <see cref="ReplicaTable"/>; lives only on that silo (its key).</summary>
[Immovable]
[SiloPinnedPlacementFilter]
[Reentrant]
internal sealed class ReplicaTableGrain(ReplicaTable table) : Grain, IReplicaTableGrain
{
    public Task Heartbeat(ReplicaStatus status)
    {
        table.Heartbeat(status);
        return Task.CompletedTask;
    }

    public Task Remove(string replicaKey)
    {
        table.Remove(replicaKey, "it left");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReplicaStatus>> GetReplicas(string model) => Task.FromResult(table.Replicas(model));

    public Task<string?> Pick(string model) => Task.FromResult(table.Pick(model));
}
