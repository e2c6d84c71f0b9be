namespace Granary.Grains.Abstractions;

/// <summary>
/// One per conversation ("model|session"): remembers which replica holds the conversation's KV
/// cache so later turns go there, and re-binds when that replica or its silo is gone.
/// </summary>
[Alias("granary.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The bound replica, binding to the least queued one when unbound or no longer live.</summary>
    [Alias("Resolve")]
    Task<string?> Resolve();

    /// <summary>Drops a replica that failed and binds anew.</summary>
    [Alias("Rebind")]
    Task<string?> Rebind(string failedReplicaKey);
}
