using Granary.Bench.Metrics;

namespace Granary.Bench.Workload;

/// <summary>Every request's outcome of one run and the run's duration in seconds.</summary>
internal sealed record RunOutcome(IReadOnlyList<RequestOutcome> Requests, double DurationSeconds);
