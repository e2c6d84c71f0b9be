using Granary.Engine.Abstractions;

namespace Granary.Grains.Abstractions;

/// <summary>A replica's heartbeat: who it is, what it serves, how loaded it is, and whether it still takes work.</summary>
[GenerateSerializer, Immutable, Alias("granary.replica-status")]
public sealed record ReplicaStatus(
    [property: Id(0)] ReplicaKey Key,
    [property: Id(1)] ModelCard Card,
    [property: Id(2)] EngineStats Stats)
{
    /// <summary>Shutting down: finishes what it runs, takes nothing new.</summary>
    [Id(3)] public bool Draining { get; init; }
}
