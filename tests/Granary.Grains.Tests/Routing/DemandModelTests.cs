using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;

namespace Granary.Grains.Tests.Routing;

/// <summary>The per-model desired-replicas signal that KEDA or an HPA scales worker pods on.</summary>
public sealed class DemandModelTests
{
    [Fact]
    public void Queued_requests_ask_for_enough_replicas_to_run_them_at_the_current_batch_size()
    {
        // Two replicas running 4 each are full; 8 more waiting need two more such replicas.
        Assert.Equal(4, DemandModel.DesiredReplicas([Replica(0, running: 4, waiting: 5), Replica(1, running: 4, waiting: 3)]));
        // Any queue asks for one more than there is.
        Assert.Equal(3, DemandModel.DesiredReplicas([Replica(0, running: 8, waiting: 1), Replica(1, running: 8)]));
    }

    [Fact]
    public void Without_a_queue_idle_replicas_are_not_wanted_but_one_always_is()
    {
        Assert.Equal(1, DemandModel.DesiredReplicas([Replica(0, running: 3), Replica(1), Replica(2)]));
        Assert.Equal(1, DemandModel.DesiredReplicas([Replica(0), Replica(1)]));
        Assert.Equal(2, DemandModel.DesiredReplicas([Replica(0, running: 1), Replica(1, running: 2)]));
    }

    [Fact]
    public void Draining_replicas_do_not_count_as_capacity()
    {
        Assert.Equal(2, DemandModel.DesiredReplicas([Replica(0, running: 2, waiting: 2) with { Draining = true }, Replica(1, running: 2, waiting: 1)]));
    }

    private static ReplicaStatus Replica(int index, int running = 0, int waiting = 0) => new(
        new ReplicaKey("m", "127.0.0.1:11111@1", index),
        new ModelCard { Id = "m", MaxModelLength = 4096 },
        new EngineStats { Running = running, Waiting = waiting, HasGenerated = true });
}
