using Granary.Bench.Metrics;
using Granary.Bench.Tests.Support;

namespace Granary.Bench.Tests.Metrics;

public sealed class MetricsCalculatorTests
{
    // A: 5 tokens, TTFT 100, E2E 500 → TPOT (500 − 100) / 4 = 100.
    // B: 4 tokens, TTFT 200, E2E 800 → TPOT (800 − 200) / 3 = 200.
    // C: 1 token, TTFT = E2E = 300 → no TPOT (vLLM leaves one-token requests out).
    // D: failed.
    private static readonly RequestOutcome[] Timeline =
    [
        Outcomes.Ok(startMs: 0, ttftMs: 100, latencyMs: 500, outputTokens: 5, promptTokens: 10, 100, 100, 100, 100),
        Outcomes.Ok(startMs: 50, ttftMs: 200, latencyMs: 800, outputTokens: 4, promptTokens: 10, 150, 200, 250),
        Outcomes.Ok(startMs: 100, ttftMs: 300, latencyMs: 300, outputTokens: 1, promptTokens: 10),
        Outcomes.Failed("HTTP 503: no replica", startMs: 120),
    ];

    private static readonly RunMetrics Metrics = MetricsCalculator.Compute(Timeline, durationSeconds: 2.0, percentiles: [99]);

    [Fact]
    public void Counts_and_throughputs_use_completed_requests_only()
    {
        Assert.Equal(3, Metrics.Completed);
        Assert.Equal(1, Metrics.Failed);
        Assert.Equal(30, Metrics.TotalInputTokens);     // the failed request's 10 prompt tokens are not counted
        Assert.Equal(10, Metrics.TotalOutputTokens);
        Assert.Equal(1.5, Metrics.RequestThroughput, 12);
        Assert.Equal(5.0, Metrics.OutputThroughput, 12);
        Assert.Equal(20.0, Metrics.TotalTokenThroughput, 12);
        Assert.Equal([new ErrorCount("HTTP 503: no replica", 1)], Metrics.Errors);
    }

    [Fact]
    public void Ttft_is_over_every_completed_request()
    {
        var ttft = Metrics.Ttft!;
        Assert.Equal(3, ttft.Count);
        Assert.Equal(200, ttft.Mean, 9);
        Assert.Equal(200, ttft.Median, 9);
        Assert.Equal(Math.Sqrt(20000.0 / 3), ttft.Std, 9);
        Assert.Equal(298, ttft.At(99)!.Value, 9); // rank 1.98 between 200 and 300
    }

    [Fact]
    public void Tpot_is_per_request_and_leaves_one_token_requests_out()
    {
        var tpot = Metrics.Tpot!;
        Assert.Equal(2, tpot.Count);
        Assert.Equal(150, tpot.Mean, 9);
        Assert.Equal(150, tpot.Median, 9);
        Assert.Equal(50, tpot.Std, 9);
        Assert.Equal(199, tpot.At(99)!.Value, 9);
    }

    [Fact]
    public void Itl_pools_every_gap_of_every_request()
    {
        var itl = Metrics.Itl!;
        Assert.Equal(7, itl.Count);
        Assert.Equal(1000.0 / 7, itl.Mean, 9);
        Assert.Equal(100, itl.Median, 9);
        Assert.Equal(247, itl.At(99)!.Value, 9); // sorted [100,100,100,100,150,200,250], rank 5.94
    }

    [Fact]
    public void E2e_latency_is_send_to_last_chunk()
    {
        var e2el = Metrics.E2el!;
        Assert.Equal(1600.0 / 3, e2el.Mean, 9);
        Assert.Equal(500, e2el.Median, 9);
        Assert.Equal(794, e2el.At(99)!.Value, 9);
    }

    [Fact]
    public void Peak_concurrency_counts_overlapping_requests()
    {
        Assert.Equal(3, Metrics.MaxConcurrentRequests); // at 100 ms A, B and C are all in flight
        // Back to back: one ends exactly when the next starts.
        Assert.Equal(1, MetricsCalculator.PeakConcurrency([Outcomes.Ok(0, 10, 100, 2), Outcomes.Ok(100, 10, 100, 2)]));
    }

    [Fact]
    public void Only_one_token_requests_have_no_tpot_but_a_ttft()
    {
        var metrics = MetricsCalculator.Compute([Outcomes.Ok(0, 40, 40, 1), Outcomes.Ok(0, 60, 60, 1)], 1.0, [99]);
        Assert.Null(metrics.Tpot);
        Assert.Null(metrics.Itl);
        Assert.Equal(50, metrics.Ttft!.Mean, 9);
        Assert.Equal(2, metrics.TotalOutputTokens);
    }

    [Fact]
    public void A_run_where_everything_failed_has_no_latencies_and_zero_throughput()
    {
        var metrics = MetricsCalculator.Compute([Outcomes.Failed("x"), Outcomes.Failed("y"), Outcomes.Failed("x")], 1.0, [99]);
        Assert.Equal(0, metrics.Completed);
        Assert.Equal(3, metrics.Failed);
        Assert.Equal(0, metrics.OutputThroughput);
        Assert.Null(metrics.Ttft);
        Assert.Null(metrics.E2el);
        Assert.Equal([new ErrorCount("x", 2), new ErrorCount("y", 1)], metrics.Errors);
    }

    [Fact]
    public void A_run_needs_a_positive_duration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricsCalculator.Compute(Timeline, 0, [99]));
    }
}
