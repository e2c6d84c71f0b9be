using Granary.Bench.Metrics;
using Granary.Bench.Workload;

namespace Granary.Bench.Clients;

/// <summary>Sends one benchmark request and times its stream; failures are outcomes, never exceptions.</summary>
internal interface IBenchClient
{
    /// <param name="runStart">The run's start on <see cref="MonotonicClock"/>, for the outcome's start time.</param>
    Task<RequestOutcome> SendAsync(BenchRequest request, double runStart, CancellationToken cancellationToken);
}
