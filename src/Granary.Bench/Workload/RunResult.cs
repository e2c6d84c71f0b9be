using Granary.Bench.Metrics;

namespace Granary.Bench.Workload;

/// <summary>
/// One run of a sweep: its load, metrics, every request's outcome (in dispatch order), and how
/// many completed requests got another output length than asked.
/// </summary>
internal sealed record RunResult(LoadPoint Load, RunMetrics Metrics, int OffLengthOutputs, IReadOnlyList<RequestOutcome> Requests)
{
    /// <summary>The machine's 1-minute load average just before the run's warm-up; null where unknown.</summary>
    public double? LoadAverageBefore { get; init; }
}
