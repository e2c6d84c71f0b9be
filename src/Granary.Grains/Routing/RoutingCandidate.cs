namespace Granary.Grains.Routing;

/// <summary>One replica as the router sees it: its last reported load, what it caches, and how old that news is.</summary>
public sealed record RoutingCandidate
{
    public required string Key { get; init; }

    public int Running { get; init; }

    public int Waiting { get; init; }

    /// <summary>Requests routed to it since its last heartbeat, which that heartbeat could not count yet.</summary>
    public int Dispatched { get; init; }

    public double KvCacheUsage { get; init; }

    public bool Draining { get; init; }

    /// <summary>Time since its last heartbeat.</summary>
    public TimeSpan Age { get; init; }

    public int BlockSize { get; init; }

    /// <summary>Short keys of the blocks its prefix cache holds (its heartbeat's summary); empty when unknown.</summary>
    public IReadOnlySet<ulong> CachedBlocks { get; init; } = EmptyBlocks;

    private static readonly IReadOnlySet<ulong> EmptyBlocks = new HashSet<ulong>();
}
