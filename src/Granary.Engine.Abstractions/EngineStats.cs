namespace Granary.Engine.Abstractions;

/// <summary>A snapshot of an engine's load, for routing, scaling and metrics.</summary>
[GenerateSerializer, Immutable, Alias("granary.engine-stats")]
public sealed record EngineStats
{
    [Id(0)] public int Running { get; init; }
    [Id(1)] public int Waiting { get; init; }
    [Id(2)] public double KvCacheUsage { get; init; }
    [Id(3)] public long PrefixCacheQueries { get; init; }
    [Id(4)] public long PrefixCacheHits { get; init; }
    [Id(5)] public double GenerationTokensPerSecond { get; init; }
    [Id(6)] public double PromptTokensPerSecond { get; init; }
    [Id(7)] public long TotalGeneratedTokens { get; init; }
    [Id(8)] public long TotalPromptTokens { get; init; }
    [Id(9)] public long Preemptions { get; init; }

    /// <summary>True once the engine has produced a token (the readiness signal).</summary>
    [Id(10)] public bool HasGenerated { get; init; }

    /// <summary>The prefix cache's recent blocks, for routing; null when prefix caching is off.</summary>
    [Id(11)] public PrefixSummary? Prefix { get; init; }

    public int QueueDepth => Running + Waiting;

    public double PrefixCacheHitRate => PrefixCacheQueries == 0 ? 0 : (double)PrefixCacheHits / PrefixCacheQueries;
}
