namespace Granary.Bench.Metrics;

/// <summary>
/// The metrics of one run, defined as vLLM's serving benchmark defines them. Latency distributions
/// are over successful requests only and are null when they have no samples.
/// </summary>
internal sealed record RunMetrics
{
    public required int Completed { get; init; }
    public required int Failed { get; init; }
    public required long TotalInputTokens { get; init; }
    public required long TotalOutputTokens { get; init; }

    /// <summary>Input tokens of completed requests that the server's prefix cache served (0 when it does not say).</summary>
    public long TotalCachedInputTokens { get; init; }

    /// <summary>Seconds from the first request's dispatch to the last request's end.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Completed requests per second.</summary>
    public required double RequestThroughput { get; init; }

    /// <summary>Output tokens of completed requests per second.</summary>
    public required double OutputThroughput { get; init; }

    /// <summary>Input plus output tokens of completed requests per second.</summary>
    public required double TotalTokenThroughput { get; init; }

    public required Distribution? Ttft { get; init; }
    public required Distribution? Tpot { get; init; }
    public required Distribution? Itl { get; init; }
    public required Distribution? E2el { get; init; }

    /// <summary>The most requests that were in flight at one time (successful ones).</summary>
    public required int MaxConcurrentRequests { get; init; }

    /// <summary>Distinct failure messages with how often each occurred, most frequent first.</summary>
    public required IReadOnlyList<ErrorCount> Errors { get; init; }
}
