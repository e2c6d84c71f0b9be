using Granary.Grains.Abstractions;
using Granary.Grains.Placement;

namespace Granary.Grains.Sessions;

/// <summary>
/// Keeps a conversation on the replica that holds its KV cache (so its prefix is reused), and
/// moves it to the least loaded live replica when that one is gone.
/// </summary>
[ControlPlanePlacementFilter]
internal sealed class SessionGrain : Grain, ISessionGrain
{
    private string? _replica;

    private IModelRouterGrain Router => GrainFactory.GetGrain<IModelRouterGrain>(Model);

    private string Model
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            // Model names never hold '|'; session ids come from clients and may.
            return key[..key.IndexOf('|')];
        }
    }

    public async Task<string?> Resolve()
    {
        if (_replica is not null && await Router.IsLive(_replica)) return _replica;
        _replica = await Router.Pick();
        return _replica;
    }

    public async Task<string?> Rebind(string failedReplicaKey)
    {
        await Router.Remove(failedReplicaKey);
        if (_replica == failedReplicaKey) _replica = null;
        return await Resolve();
    }
}
