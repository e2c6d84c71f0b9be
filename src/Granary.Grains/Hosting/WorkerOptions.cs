using Granary.Engine.Serving;

namespace Granary.Grains.Hosting;

/// <summary>The models a worker silo serves, and how many replicas (engines) of each it runs.</summary>
public sealed class WorkerOptions
{
    public List<EngineOptions> Models { get; } = [];

    /// <summary>Replicas each model always has on this silo.</summary>
    public int ReplicasPerModel { get; set; } = 1;

    /// <summary>Replicas a model may grow to on this silo while requests queue; equal to <see cref="ReplicasPerModel"/> turns scaling off.</summary>
    public int MaxReplicasPerModel { get; set; } = 1;

    /// <summary>How often replicas report their load to the routing tables.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the autoscaler looks at the queues.</summary>
    public TimeSpan ScaleCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive checks with every replica of a model queueing before another replica starts.</summary>
    public int ScaleUpAfterChecks { get; set; } = 3;

    /// <summary>On shutdown, how long replicas may finish their requests before handing the rest over to other replicas.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an extra replica must sit idle before it is retired.</summary>
    public TimeSpan ScaleDownAfter { get; set; } = TimeSpan.FromMinutes(2);
}
