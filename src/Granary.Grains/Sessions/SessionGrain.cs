using Granary.Grains.Abstractions;
using Granary.Grains.Placement;
using Granary.Grains.Routing;

namespace Granary.Grains.Sessions;

/// <summary>
/// Remembers the replica a conversation last used, which the router prefers while it is not
/// overloaded, and moves it to the least loaded serving replica when that one is gone or draining. It routes with
/// the routing table of the silo it lives on: no call leaves the silo.
/// </summary>
[ControlPlanePlacementFilter]
internal sealed class SessionGrain(ReplicaTable table) : Grain, ISessionGrain
{
    private string? _replica;

    private string Model
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            // Model names never hold '|'; session ids come from clients and may.
            return key[..key.IndexOf('|')];
        }
    }

    public Task<string?> Resolve()
    {
        // Not counted as load: the gateway routes the request itself, with this as a hint.
        if (_replica is null || !table.IsServing(_replica)) _replica = table.Route(Model, RoutingRequest.None, dispatch: false)?.Key;
        return Task.FromResult(_replica);
    }

    public Task Bind(string replicaKey)
    {
        _replica = replicaKey;
        return Task.CompletedTask;
    }

    public Task<string?> Rebind(string failedReplicaKey)
    {
        // The gateway whose call failed dropped the replica from its own table once; removing it here too,
        // on every retry of its failover loop, kept a replica that failed one call but still beats (an
        // enumeration aborted by a directory change) out of the table for good: the failover then timed out.
        if (_replica == failedReplicaKey) _replica = null;
        return Resolve();
    }
}
