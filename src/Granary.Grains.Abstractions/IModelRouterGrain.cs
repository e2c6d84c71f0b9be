namespace Granary.Grains.Abstractions;

/// <summary>
/// One per model: knows its live replicas from their heartbeats and picks one per request
/// (the least queued, counting requests it handed out since the last heartbeat).
/// </summary>
[Alias("granary.IModelRouterGrain")]
public interface IModelRouterGrain : IGrainWithStringKey
{
    [Alias("Heartbeat")]
    Task Heartbeat(ReplicaStatus status);

    /// <summary>Forgets a replica that failed a call (its silo is gone).</summary>
    [Alias("Remove")]
    Task Remove(string replicaKey);

    /// <summary>A live replica's key, or null when the model has none.</summary>
    [Alias("Pick")]
    Task<string?> Pick();

    [Alias("IsLive")]
    Task<bool> IsLive(string replicaKey);

    [Alias("GetReplicas")]
    Task<IReadOnlyList<ReplicaStatus>> GetReplicas();
}
