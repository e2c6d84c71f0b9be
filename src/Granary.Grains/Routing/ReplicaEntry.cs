using Granary.Grains.Abstractions;

namespace Granary.Grains.Routing;

/// <summary>The table's view of one replica: its last heartbeat, requests sent since, and a token for its loss.</summary>
internal sealed class ReplicaEntry(ReplicaStatus status, DateTime seen)
{
    private readonly CancellationTokenSource _lost = new();

    public string Key { get; } = status.Key.ToString();

    public ReplicaStatus Status { get; private set; } = status;

    public DateTime LastSeen { get; private set; } = seen;

    /// <summary>Requests routed here after the last heartbeat, which that heartbeat's queue depth cannot show yet.</summary>
    public int Dispatched { get; set; }

    /// <summary>Its prefix cache's summary as a set, built once per heartbeat rather than per request.</summary>
    public IReadOnlySet<ulong> CachedBlocks { get; private set; } = BlocksOf(status);

    public CancellationToken Lost => _lost.Token;

    public void Update(ReplicaStatus status, DateTime seen)
    {
        Status = status;
        LastSeen = seen;
        Dispatched = 0;
        CachedBlocks = BlocksOf(status);
    }

    public RoutingCandidate Candidate(DateTime now) => new()
    {
        Key = Key,
        Running = Status.Stats.Running,
        Waiting = Status.Stats.Waiting,
        Dispatched = Dispatched,
        KvCacheUsage = Status.Stats.KvCacheUsage,
        Draining = Status.Draining,
        Age = now - LastSeen,
        BlockSize = Status.Stats.Prefix?.BlockSize ?? 0,
        CachedBlocks = CachedBlocks,
    };

    public void Lose() => _lost.Cancel();

    private static HashSet<ulong> BlocksOf(ReplicaStatus status) => [.. status.Stats.Prefix?.Blocks ?? []];
}
