namespace Granary.Api.WebConsole;

/// <summary>A replica of the cluster view, flattened from its last heartbeat.</summary>
internal sealed record ClusterReplica
{
    /// <summary>Takes requests.</summary>
    public const string Serving = "serving";

    /// <summary>Up, but its engine has not produced a token yet (warming up).</summary>
    public const string Loading = "loading";

    /// <summary>Finishing what it runs before it stops; takes nothing new.</summary>
    public const string Draining = "draining";

    public required string Id { get; init; }
    public required string Model { get; init; }
    public required string Silo { get; init; }
    public required int Index { get; init; }
    public required string State { get; init; }
    public int Running { get; init; }
    public int Waiting { get; init; }
    public double KvCacheUsage { get; init; }
    public double GenerationTokensPerSecond { get; init; }
    public double PromptTokensPerSecond { get; init; }
    public double PrefixCacheHitRate { get; init; }
    public long PromptTokens { get; init; }
    public long GenerationTokens { get; init; }
    public long Preemptions { get; init; }

    public static ClusterReplica From(ReplicaSnapshot replica)
    {
        var stats = replica.Stats;
        return new ClusterReplica
        {
            Id = $"{replica.Silo}#{replica.Index}",
            Model = replica.Model,
            Silo = replica.Silo,
            Index = replica.Index,
            State = replica.Draining ? Draining : stats.HasGenerated ? Serving : Loading,
            Running = stats.Running,
            Waiting = stats.Waiting,
            KvCacheUsage = stats.KvCacheUsage,
            GenerationTokensPerSecond = stats.GenerationTokensPerSecond,
            PromptTokensPerSecond = stats.PromptTokensPerSecond,
            PrefixCacheHitRate = stats.PrefixCacheHitRate,
            PromptTokens = stats.TotalPromptTokens,
            GenerationTokens = stats.TotalGeneratedTokens,
            Preemptions = stats.Preemptions,
        };
    }
}
