using Granary.Bench.Clients;
using Granary.Bench.Metrics;

namespace Granary.Bench.Workload;

/// <summary>
/// Drives one run: dispatches requests in order at their arrival times, holding each back while
/// the concurrency cap is reached, and waits for all of them. The run lasts from the first
/// dispatch to the end of the last request.
/// </summary>
internal sealed class LoadRunner(IBenchClient client)
{
    public async Task<RunOutcome> RunAsync(
        IReadOnlyList<BenchRequest> requests, LoadPoint load, IReadOnlyList<double> arrivals,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (arrivals.Count != requests.Count) throw new ArgumentException("One arrival time per request is needed.", nameof(arrivals));
        using var slots = load.MaxConcurrency is { } cap ? new SemaphoreSlim(cap, cap) : null;
        var inFlight = new Task<RequestOutcome>[requests.Count];
        var done = 0;
        var start = MonotonicClock.Now;
        for (var i = 0; i < requests.Count; i++)
        {
            var wait = start + arrivals[i] - MonotonicClock.Now;
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken).ConfigureAwait(false);
            if (slots is not null) await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            inFlight[i] = SendAsync(requests[i]);
        }
        var outcomes = await Task.WhenAll(inFlight).ConfigureAwait(false);
        var duration = MonotonicClock.Now - start;
        return new RunOutcome(outcomes, duration);

        async Task<RequestOutcome> SendAsync(BenchRequest request)
        {
            try
            {
                // Off the dispatch loop at once, so that a client's synchronous start never delays the next send.
                await Task.Yield();
                return await client.SendAsync(request, start, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return RequestOutcome.Failed(MonotonicClock.Now - start, $"{ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                slots?.Release();
                progress?.Report(Interlocked.Increment(ref done));
            }
        }
    }
}
