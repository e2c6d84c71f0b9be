using Granary.Bench.Clients;
using Granary.Bench.Metrics;

namespace Granary.Bench.Workload;

/// <summary>
/// Runs every load point of a workload in turn: fresh seeded prompts per run, uncounted warm-up
/// requests at the run's concurrency, then the measured run; each run's metrics are reported as it ends.
/// </summary>
internal sealed class SweepRunner(IBenchClient client, WorkloadSpec spec, Vocabulary vocabulary, TextWriter log)
{
    /// <summary>Turns generated requests into what the client sends (e.g. prompt text for chat); identity when null.</summary>
    public Func<BenchRequest[], CancellationToken, Task<BenchRequest[]>>? Prepare { get; init; }

    /// <summary>Called with each run's result as soon as it is known.</summary>
    public Action<RunResult>? OnRun { get; init; }

    public async Task<IReadOnlyList<RunResult>> RunAsync(CancellationToken cancellationToken)
    {
        var runner = new LoadRunner(client);
        var results = new List<RunResult>();
        for (var run = 0; run < spec.LoadPoints.Count; run++)
        {
            var load = spec.LoadPoints[run];
            var machineLoad = SystemLoad.OneMinute();
            log.WriteLine($"[{run + 1}/{spec.LoadPoints.Count}] {load.Describe()}: {spec.NumPrompts} prompts of {spec.InputTokens} tokens, {spec.OutputTokens} output tokens each");
            var requests = await PrepareAsync(Generate(run, SeedStreams.Prompts, spec.NumPrompts), cancellationToken).ConfigureAwait(false);
            var warmup = await PrepareAsync(Generate(run, SeedStreams.Warmup, spec.WarmupFor(load)), cancellationToken).ConfigureAwait(false);

            if (warmup.Length > 0)
            {
                var warm = await runner.RunAsync(warmup, LoadPoint.Concurrency(load.MaxConcurrency ?? warmup.Length), new double[warmup.Length], null, cancellationToken).ConfigureAwait(false);
                var failed = warm.Requests.Where(r => !r.Success).ToArray();
                log.WriteLine($"  warm-up: {warmup.Length} requests, {failed.Length} failed{(failed.Length > 0 ? $" ({failed[0].Error})" : "")}");
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var arrivals = PoissonArrivals.Schedule(requests.Length, load.RequestRate, SeedStreams.Create(spec.Seed, run, SeedStreams.Arrivals));
            var outcome = await runner.RunAsync(requests, load, arrivals, Progress(requests.Length), cancellationToken).ConfigureAwait(false);
            if (!Console.IsErrorRedirected) Console.Error.Write("\r\u001b[K");

            var metrics = MetricsCalculator.Compute(outcome.Requests, outcome.DurationSeconds, spec.Percentiles);
            var offLength = outcome.Requests.Where((r, i) => r.Success && r.OutputTokens != requests[i].OutputTokens).Count();
            var result = new RunResult(load, metrics, offLength, outcome.Requests) { LoadAverageBefore = machineLoad };
            results.Add(result);
            OnRun?.Invoke(result);
        }
        return results;
    }

    private BenchRequest[] Generate(int run, int stream, int count) => spec.PrefixTokens > 0
        ? PromptGenerator.GenerateSharedPrefix(SeedStreams.Create(spec.Seed, run, SeedStreams.Prefixes), SeedStreams.Create(spec.Seed, run, stream),
            count, spec.InputTokens, spec.OutputTokens, vocabulary.Size, spec.PrefixTokens, spec.PrefixGroups)
        : PromptGenerator.Generate(SeedStreams.Create(spec.Seed, run, stream), count, spec.InputTokens, spec.OutputTokens, vocabulary.Size);

    private async Task<BenchRequest[]> PrepareAsync(BenchRequest[] requests, CancellationToken cancellationToken) =>
        Prepare is null || requests.Length == 0 ? requests : await Prepare(requests, cancellationToken).ConfigureAwait(false);

    private static IProgress<int>? Progress(int total) => Console.IsErrorRedirected
        ? null
        : new SynchronousProgress(done => Console.Error.Write($"\r  {done}/{total} requests done"));
}
