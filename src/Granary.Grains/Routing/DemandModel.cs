using Granary.Grains.Abstractions;

namespace Granary.Grains.Routing;

/// <summary>How many replicas a model needs, from its replicas' heartbeats: what external scalers (KEDA, HPA) act on.</summary>
public static class DemandModel
{
    /// <summary>
    /// With nothing queued, the replicas it has (an external scaler scales down on its own cool-down).
    /// With requests queued, enough replicas to run running + waiting at the batch size its serving
    /// replicas sustain now (running per replica, at least 1): a replica that queues is already full.
    /// </summary>
    public static int DesiredReplicas(IReadOnlyList<ReplicaStatus> replicas)
    {
        var serving = replicas.Where(r => !r.Draining).ToArray();
        var waiting = replicas.Sum(r => r.Stats.Waiting);
        if (waiting == 0) return serving.Length;
        var running = serving.Sum(r => r.Stats.Running);
        var perReplica = Math.Max(1.0, (double)running / Math.Max(1, serving.Length));
        return Math.Max(serving.Length + 1, (int)Math.Ceiling((running + waiting) / perReplica));
    }
}
