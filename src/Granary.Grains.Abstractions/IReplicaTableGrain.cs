namespace Granary.Grains.Abstractions;

/// <summary>
/// One per silo that serves the API, keyed by that silo's address and pinned to it: the door
/// through which replicas report to that silo's routing table. Every gateway keeps its own table,
/// so routing never waits on a directory entry or an activation that a membership change moves.
/// </summary>
[Alias("granary.IReplicaTableGrain")]
public interface IReplicaTableGrain : IGrainWithStringKey
{
    [Alias("Heartbeat")]
    Task Heartbeat(ReplicaStatus status);

    /// <summary>Forgets a replica that left (retired, or handed its requests over on shutdown).</summary>
    [Alias("Remove")]
    Task Remove(string replicaKey);

    /// <summary>The model's live replicas as this silo sees them.</summary>
    [Alias("GetReplicas")]
    Task<IReadOnlyList<ReplicaStatus>> GetReplicas(string model);

    /// <summary>The least loaded serving replica of the model, or null when none is.</summary>
    [Alias("Pick")]
    Task<string?> Pick(string model);
}
