using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Granary.Grains.Routing;

/// <summary>
/// This silo's view of every model replica in the cluster, filled by the replicas' heartbeats. Each
/// API silo has its own, so a request is routed with no grain call and no directory lookup, and a
/// silo that joins or dies changes nobody's view but by the heartbeats it sends or stops sending.
/// A replica is live while its heartbeats come and membership lists its silo as active.
/// </summary>
public sealed class ReplicaTable(
    IClusterMembershipService membership, ISiloMetadataCache metadata, ILogger<ReplicaTable> logger, TimeProvider? time = null,
    IRoutingPolicy? policy = null, ClusterMetrics? metrics = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IRoutingPolicy _policy = policy ?? new PrefixAwarePolicy();

    /// <summary>Five missed heartbeats (at the default 1 s) before a silent replica is dropped.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ReplicaEntry> _replicas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelCard> _seen = new(StringComparer.Ordinal);

    /// <summary>When this table started listening: until <see cref="Expiry"/> after, it may not have heard from every replica.</summary>
    public DateTime StartedAt { get; } = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public void Heartbeat(ReplicaStatus status)
    {
        var key = status.Key.ToString();
        lock (_lock)
        {
            if (_replicas.TryGetValue(key, out var entry))
            {
                entry.Update(status, Now);
            }
            else
            {
                _replicas[key] = new ReplicaEntry(status, Now);
                logger.LogInformation("Replica {Replica} joined", key);
            }
            _seen[status.Card.Id] = status.Card;
        }
    }

    /// <summary>Forgets a replica; the requests streaming from it learn through <see cref="LostToken"/>.</summary>
    public void Remove(string replicaKey, string reason)
    {
        ReplicaEntry? removed;
        lock (_lock)
        {
            if (!_replicas.Remove(replicaKey, out removed)) return;
        }
        logger.LogInformation("Replica {Replica} removed: {Reason}", replicaKey, reason);
        removed.Lose();
    }

    /// <summary>
    /// The least loaded replica of the model that takes new requests; <paramref name="avoid"/> (one that
    /// just failed a call) only when no other is left, since the failure may have been the network's.
    /// </summary>
    public string? Pick(string model, string? avoid = null) => Route(model, new RoutingRequest { Avoid = avoid })?.Key;

    /// <summary>
    /// The replica the routing policy chooses for the request among the model's live ones; null when none takes
    /// requests. <paramref name="dispatch"/>: the request is sent there (counted as its load until the next heartbeat).
    /// </summary>
    public RoutingDecision? Route(string model, RoutingRequest request, bool dispatch = true)
    {
        Sweep();
        RoutingDecision? decision;
        lock (_lock)
        {
            var now = Now;
            var candidates = _replicas.Values.Where(e => e.Status.Key.Model == model).Select(e => e.Candidate(now)).ToArray();
            decision = _policy.Pick(request, candidates);
            if (decision is null || !dispatch) return decision;
            _replicas[decision.Key].Dispatched++;
        }
        metrics?.Routed(model, decision);
        return decision;
    }

    /// <summary>Requests waiting in the replica's queue at its last heartbeat (0 when unknown), and the streams it runs.</summary>
    public (int Waiting, int Running) Queue(string replicaKey)
    {
        lock (_lock) return _replicas.TryGetValue(replicaKey, out var e) ? (e.Status.Stats.Waiting, e.Status.Stats.Running) : (0, 0);
    }

    /// <summary>
    /// Another serving replica of the model with room for a request queued on <paramref name="from"/>, which
    /// is full at the <paramref name="fullAt"/> streams it runs: one with no queue, running fewer (requests sent
    /// since its heartbeat included). Counted as sent there; null when none has room.
    /// </summary>
    public string? TakeRoom(string model, string from, int fullAt)
    {
        Sweep();
        lock (_lock)
        {
            var now = Now;
            var target = _replicas.Values
                .Where(e => e.Status.Key.Model == model && e.Key != from && !e.Status.Draining && now - e.LastSeen <= PrefixAwarePolicy.StaleAfter)
                .Where(e => e.Status.Stats.Waiting == 0 && e.Status.Stats.Running + e.Dispatched < Math.Max(fullAt, 1))
                .MinBy(e => e.Status.Stats.Running + e.Dispatched);
            if (target is null) return null;
            target.Dispatched++;
            metrics?.Moved(model);
            return target.Key;
        }
    }

    /// <summary>The block size the model's replicas cache with (0 when none reports one): what a gateway hashes prompts with.</summary>
    public int BlockSize(string model)
    {
        lock (_lock)
            return _replicas.Values.Where(e => e.Status.Key.Model == model).Select(e => e.Status.Stats.Prefix?.BlockSize ?? 0).FirstOrDefault(b => b > 0);
    }

    /// <summary>Whether the replica is live and still takes new requests.</summary>
    public bool IsServing(string replicaKey)
    {
        Sweep();
        lock (_lock) return _replicas.TryGetValue(replicaKey, out var entry) && !entry.Status.Draining;
    }

    /// <summary>Cancelled when the replica drops out of the table (its silo died, it went silent or left); already cancelled if it is not in it.</summary>
    public CancellationToken LostToken(string replicaKey)
    {
        lock (_lock) return _replicas.TryGetValue(replicaKey, out var entry) ? entry.Lost : new CancellationToken(canceled: true);
    }

    /// <summary>Live replicas (draining ones included), of one model or of all.</summary>
    public IReadOnlyList<ReplicaStatus> Replicas(string? model = null)
    {
        Sweep();
        lock (_lock)
        {
            return _replicas.Values.Where(e => model is null || e.Status.Key.Model == model)
                .Select(e => e.Status).OrderBy(s => s.Key.ToString(), StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// Every model that has had a replica or that an active worker silo is configured to serve, with
    /// its live replicas and state; a model with no replica right now is still listed.
    /// </summary>
    public IReadOnlyList<ModelCard> Models()
    {
        var replicas = Replicas();
        var configured = ConfiguredModels();
        lock (_lock)
        {
            var names = _seen.Keys.Concat(configured).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return names.Select(name =>
            {
                var live = replicas.Where(r => r.Key.Model == name).ToArray();
                var card = _seen.GetValueOrDefault(name) ?? new ModelCard { Id = name, MaxModelLength = 0 };
                var state = live.Any(r => !r.Draining) ? ModelStates.Ready
                    : live.Length > 0 ? ModelStates.Draining
                    : configured.Contains(name) ? ModelStates.Loading
                    : ModelStates.Unavailable;
                return card with { Replicas = live.Count(r => !r.Draining), State = state };
            }).ToArray();
        }
    }

    /// <summary>Drops replicas whose silo is no longer active or whose heartbeats stopped.</summary>
    public void Sweep()
    {
        var now = Now;
        var snapshot = membership.CurrentSnapshot;
        List<(string Key, string Reason)> gone = [];
        lock (_lock)
        {
            foreach (var entry in _replicas.Values)
            {
                var silent = now - entry.LastSeen;
                if (!IsActive(snapshot, entry.Status.Key.Silo)) gone.Add((entry.Key, "its silo is no longer active"));
                else if (silent > Expiry) gone.Add((entry.Key, $"no heartbeat for {silent.TotalSeconds:F1}s"));
            }
        }
        foreach (var (key, reason) in gone) Remove(key, reason);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private HashSet<string> ConfiguredModels()
    {
        var models = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active))
        {
            if (metadata.GetSiloMetadata(member.SiloAddress).Metadata.TryGetValue(SiloMetadataKeys.Models, out var list))
                models.UnionWith(list.Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        return models;
    }

    private static bool IsActive(ClusterMembershipSnapshot snapshot, string silo) =>
        snapshot.Members.TryGetValue(SiloAddress.FromParsableString(silo), out var member) && member.Status == SiloStatus.Active;
}
