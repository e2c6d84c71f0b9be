namespace Granary.Bench.Metrics;

/// <summary>
/// Turns request outcomes into run metrics:
/// <list type="bullet">
/// <item>TTFT: send → first chunk that carried generated tokens.</item>
/// <item>TPOT, per request: (E2E latency − TTFT) / (output tokens − 1); requests with one output token have none.</item>
/// <item>ITL: every gap between consecutive token-carrying chunks, pooled across requests.</item>
/// <item>E2E latency: send → the request's last chunk.</item>
/// <item>Throughputs: tokens (or requests) of completed requests divided by the run's duration.</item>
/// </list>
/// Failed requests count in <see cref="RunMetrics.Failed"/> and nowhere else.
/// </summary>
internal static class MetricsCalculator
{
    public static RunMetrics Compute(IReadOnlyList<RequestOutcome> outcomes, double durationSeconds, IReadOnlyList<double> percentiles)
    {
        if (durationSeconds <= 0 || double.IsNaN(durationSeconds))
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), durationSeconds, "A run lasts a positive time.");

        var succeeded = outcomes.Where(o => o.Success).ToArray();
        long input = succeeded.Sum(o => (long)o.PromptTokens);
        long output = succeeded.Sum(o => (long)o.OutputTokens);
        var tpots = succeeded
            .Where(o => o.OutputTokens > 1)
            .Select(o => (o.Latency - o.Ttft) / (o.OutputTokens - 1));

        return new RunMetrics
        {
            Completed = succeeded.Length,
            Failed = outcomes.Count - succeeded.Length,
            TotalInputTokens = input,
            TotalOutputTokens = output,
            TotalCachedInputTokens = succeeded.Sum(o => (long)o.CachedPromptTokens),
            DurationSeconds = durationSeconds,
            RequestThroughput = succeeded.Length / durationSeconds,
            OutputThroughput = output / durationSeconds,
            TotalTokenThroughput = (input + output) / durationSeconds,
            Ttft = Distribution.FromSeconds(succeeded.Select(o => o.Ttft), percentiles),
            Tpot = Distribution.FromSeconds(tpots, percentiles),
            Itl = Distribution.FromSeconds(succeeded.SelectMany(o => o.InterTokenLatencies), percentiles),
            E2el = Distribution.FromSeconds(succeeded.Select(o => o.Latency), percentiles),
            MaxConcurrentRequests = PeakConcurrency(succeeded),
            Errors = outcomes
                .Where(o => !o.Success)
                .GroupBy(o => o.Error ?? "unknown error")
                .Select(g => new ErrorCount(g.Key, g.Count()))
                .OrderByDescending(e => e.Count)
                .ToArray(),
        };
    }

    /// <summary>Most requests in flight at once, over half-open intervals [start, start + latency).</summary>
    public static int PeakConcurrency(IEnumerable<RequestOutcome> outcomes)
    {
        var events = outcomes
            .SelectMany(o => new[] { (Time: o.StartTime, Delta: 1), (Time: o.StartTime + o.Latency, Delta: -1) })
            .OrderBy(e => e.Time)
            .ThenBy(e => e.Delta); // an end at the same instant as a start comes first
        int current = 0, peak = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }
        return peak;
    }
}
