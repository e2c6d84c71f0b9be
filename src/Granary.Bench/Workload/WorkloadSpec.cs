namespace Granary.Bench.Workload;

/// <summary>What every run of a sweep sends: how many prompts of which lengths, and the load points to sweep.</summary>
internal sealed record WorkloadSpec
{
    public required int NumPrompts { get; init; }
    public required int InputTokens { get; init; }
    public required int OutputTokens { get; init; }
    public required long Seed { get; init; }

    /// <summary>Uncounted requests before each run; null: one per stream of the run's concurrency cap (1 without a cap).</summary>
    public int? Warmup { get; init; }

    public required IReadOnlyList<LoadPoint> LoadPoints { get; init; }

    /// <summary>Percentiles to report besides the median, e.g. [99].</summary>
    public required IReadOnlyList<double> Percentiles { get; init; }

    /// <summary>Leading prompt tokens shared by every <see cref="PrefixGroups"/>-th request; 0: every prompt is random throughout.</summary>
    public int PrefixTokens { get; init; }

    public int PrefixGroups { get; init; } = 1;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public int WarmupFor(LoadPoint load) => Warmup ?? load.MaxConcurrency ?? 1;
}
