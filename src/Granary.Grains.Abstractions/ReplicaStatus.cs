using Granary.Engine.Abstractions;

namespace Granary.Grains.Abstractions;

/// <summary>A replica's heartbeat: who it is, what it serves, and how loaded it is.</summary>
[GenerateSerializer, Immutable, Alias("granary.replica-status")]
public sealed record ReplicaStatus(
    [property: Id(0)] ReplicaKey Key,
    [property: Id(1)] ModelCard Card,
    [property: Id(2)] EngineStats Stats);
