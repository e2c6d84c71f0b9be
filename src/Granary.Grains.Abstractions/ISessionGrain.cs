namespace Granary.Grains.Abstractions;

/// <summary>
/// One per conversation ("model|session"): remembers which replica served the conversation last,
/// a hint the router keeps while that replica is live and not overloaded, and re-binds when it is gone.
/// </summary>
[Alias("granary.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The bound replica, binding to the least queued one when unbound or no longer live.</summary>
    [Alias("Resolve")]
    Task<string?> Resolve();

    /// <summary>Records the replica the router chose instead (the bound one was overloaded, or there was none).</summary>
    [Alias("Bind")]
    Task Bind(string replicaKey);

    /// <summary>Forgets a replica that failed this session and binds anew (the gateway's table, not the session, drops replicas).</summary>
    [Alias("Rebind")]
    Task<string?> Rebind(string failedReplicaKey);
}
