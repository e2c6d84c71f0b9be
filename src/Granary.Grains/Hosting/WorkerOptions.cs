using Granary.Engine.Serving;

namespace Granary.Grains.Hosting;

/// <summary>The models a worker silo serves and how many replicas (engines) of each it runs.</summary>
public sealed class WorkerOptions
{
    public List<EngineOptions> Models { get; } = [];

    public int ReplicasPerModel { get; set; } = 1;

    /// <summary>How often replicas report their load to the router.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);
}
