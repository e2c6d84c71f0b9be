using Granary.Grains.Abstractions;
using Granary.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Granary.Grains.Routing;

/// <summary>
/// Tracks a model's replicas from their heartbeats and routes to the least loaded live one. A
/// replica is live while its heartbeats keep coming and cluster membership still lists its silo
/// as active; a fresh activation of the router (after its silo died) refills within one heartbeat.
/// </summary>
[ControlPlanePlacementFilter]
internal sealed class ModelRouterGrain(IClusterMembershipService membership, ILogger<ModelRouterGrain> logger) : Grain, IModelRouterGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    // The catalog is soft state too: an activation lost with a silo (or its directory entry) comes
    // back empty, so the model is registered again every few heartbeats, not once.
    private static readonly TimeSpan RegistrationRefresh = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, ReplicaEntry> _replicas = [];
    private DateTime _registeredAt = DateTime.MinValue;

    public async Task Heartbeat(ReplicaStatus status)
    {
        var key = status.Key.ToString();
        if (_replicas.TryGetValue(key, out var entry))
        {
            entry.Status = status;
            entry.LastSeen = DateTime.UtcNow;
            entry.Dispatched = 0;
        }
        else
        {
            _replicas[key] = new ReplicaEntry(status, DateTime.UtcNow);
        }
        if (DateTime.UtcNow - _registeredAt > RegistrationRefresh)
        {
            await GrainFactory.GetGrain<IModelCatalogGrain>(0).Register(status.Card);
            _registeredAt = DateTime.UtcNow;
        }
    }

    public Task Remove(string replicaKey)
    {
        if (_replicas.Remove(replicaKey)) logger.LogInformation("Replica {Replica} removed (retired, or a call to it failed)", replicaKey);
        return Task.CompletedTask;
    }

    public Task<string?> Pick()
    {
        var live = Live().ToArray();
        if (live.Length == 0) return Task.FromResult<string?>(null);
        var best = live.MinBy(p => p.Value.Load);
        best.Value.Dispatched++;
        return Task.FromResult<string?>(best.Key);
    }

    public Task<bool> IsLive(string replicaKey) => Task.FromResult(Live().Any(p => p.Key == replicaKey));

    public Task<IReadOnlyList<ReplicaStatus>> GetReplicas() =>
        Task.FromResult<IReadOnlyList<ReplicaStatus>>(Live().Select(p => p.Value.Status).ToArray());

    private IEnumerable<KeyValuePair<string, ReplicaEntry>> Live()
    {
        var now = DateTime.UtcNow;
        var snapshot = membership.CurrentSnapshot;
        foreach (var (key, entry) in _replicas.ToArray())
        {
            var silent = now - entry.LastSeen;
            var active = IsActive(snapshot, entry.Status.Key.Silo);
            if (silent <= Expiry && active) continue;
            _replicas.Remove(key);
            logger.LogWarning("Replica {Replica} dropped: {Reason}", key, active ? $"no heartbeat for {silent.TotalSeconds:F1}s" : "its silo is no longer active");
        }
        return _replicas;
    }

    private static bool IsActive(ClusterMembershipSnapshot snapshot, string silo) =>
        snapshot.Members.TryGetValue(SiloAddress.FromParsableString(silo), out var member) && member.Status == SiloStatus.Active;
}
