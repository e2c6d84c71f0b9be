using Granary.Grains.Abstractions;

namespace Granary.Grains.Routing;

/// <summary>How many replicas a model needs, from its replicas' heartbeats: what external scalers (KEDA, HPA) act on.</summary>
public static class DemandModel
{
    /// <summary>
    /// With requests queued: enough replicas to run running + waiting at the batch size its serving
    /// replicas sustain now (running per replica, at least 1), and at least one more than it has,
    /// since a replica that queues is full. With nothing queued: the replicas that are busy (at
    /// least 1), so idle ones can go after the scaler's cool-down.
    /// </summary>
    public static int DesiredReplicas(IReadOnlyList<ReplicaStatus> replicas)
    {
        var serving = replicas.Where(r => !r.Draining).ToArray();
        var waiting = serving.Sum(r => r.Stats.Waiting);
        var running = serving.Sum(r => r.Stats.Running);
        if (waiting == 0) return Math.Max(1, serving.Count(r => r.Stats.Running > 0));
        var perReplica = Math.Max(1.0, (double)running / Math.Max(1, serving.Length));
        return Math.Max(serving.Length + 1, (int)Math.Ceiling((running + waiting) / perReplica));
    }
}
