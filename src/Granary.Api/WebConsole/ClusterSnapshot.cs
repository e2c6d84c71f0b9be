using Granary.Engine.Abstractions;

namespace Granary.Api.WebConsole;

/// <summary>The cluster as one gateway sees it: its members, the models they serve, and every live replica's last heartbeat.</summary>
/// <param name="Gateway">The silo that answered (each gateway keeps its own routing table and request log).</param>
public sealed record ClusterSnapshot(
    string Gateway,
    IReadOnlyList<SiloSnapshot> Silos,
    IReadOnlyList<ModelCard> Models,
    IReadOnlyList<ReplicaSnapshot> Replicas);
