using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Granary.Engine.Telemetry;

/// <summary>
/// The engine's instruments, one set per process, tagged by model and engine index. Names are
/// vLLM's with '.' where vLLM has ':' (OpenTelemetry forbids ':'); the scrape endpoint renders them
/// under vLLM's exact names. Buckets are vLLM's, given as advice so every exporter uses them.
/// </summary>
internal static class EngineInstruments
{
    public const string MeterName = "Granary.Engine";

    public static readonly Meter Meter = new(MeterName);

    public static readonly ActivitySource Source = new(MeterName);

    private static readonly double[] TimeToFirstToken =
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];

    private static readonly double[] InterToken =
        [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0];

    private static readonly double[] RequestLatency =
        [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

    public static readonly Counter<long> PromptTokens = Meter.CreateCounter<long>("vllm.prompt_tokens", "{token}", "Number of prefill tokens processed.");

    public static readonly Counter<long> GenerationTokens = Meter.CreateCounter<long>("vllm.generation_tokens", "{token}", "Number of generation tokens processed.");

    public static readonly Counter<long> RequestSuccess = Meter.CreateCounter<long>("vllm.request_success", "{request}", "Count of successfully processed requests.");

    public static readonly Histogram<double> TimeToFirstTokenSeconds = Seconds("vllm.time_to_first_token_seconds", "Histogram of time to first token in seconds.", TimeToFirstToken);

    public static readonly Histogram<double> InterTokenLatencySeconds = Seconds("vllm.inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", InterToken);

    public static readonly Histogram<double> TimePerOutputTokenSeconds = Seconds("vllm.time_per_output_token_seconds", "Histogram of time per output token in seconds.", InterToken);

    public static readonly Histogram<double> E2eRequestLatencySeconds = Seconds("vllm.e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", RequestLatency);

    public static readonly Histogram<double> RequestQueueTimeSeconds = Seconds("vllm.request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", RequestLatency);

    public static readonly Histogram<double> RequestInferenceTimeSeconds = Seconds("vllm.request_inference_time_seconds", "Histogram of time spent in RUNNING phase for request.", RequestLatency);

    public static readonly Histogram<double> RequestPrefillTimeSeconds = Seconds("vllm.request_prefill_time_seconds", "Histogram of time spent in PREFILL phase for request.", RequestLatency);

    public static readonly Histogram<double> RequestDecodeTimeSeconds = Seconds("vllm.request_decode_time_seconds", "Histogram of time spent in DECODE phase for request.", RequestLatency);

    // vLLM sizes these by the model's context (1-2-5 up to max_model_len); one process may serve several models, so up to 1M.
    public static readonly Histogram<long> RequestPromptTokens = Meter.CreateHistogram<long>("vllm.request_prompt_tokens", "{token}", "Number of prefill tokens processed.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = OneTwoFive(1_000_000) });

    public static readonly Histogram<long> RequestGenerationTokens = Meter.CreateHistogram<long>("vllm.request_generation_tokens", "{token}", "Number of generation tokens processed.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = OneTwoFive(1_000_000) });

    static EngineInstruments()
    {
        Meter.CreateObservableGauge("vllm.num_requests_running", () => Observe(s => s.Running), "{request}", "Number of requests in model execution batches.");
        Meter.CreateObservableGauge("vllm.num_requests_waiting", () => Observe(s => s.Waiting), "{request}", "Number of requests waiting to be processed.");
        Meter.CreateObservableGauge("vllm.kv_cache_usage_perc", () => Observe(s => s.KvCacheUsage), "1", "KV-cache usage. 1 means 100 percent usage.");
        Meter.CreateObservableCounter("vllm.prefix_cache_queries", () => Observe(s => s.PrefixCacheQueries), "{token}", "Prefix cache queries, in terms of number of queried tokens.");
        Meter.CreateObservableCounter("vllm.prefix_cache_hits", () => Observe(s => s.PrefixCacheHits), "{token}", "Prefix cache hits, in terms of number of cached tokens.");
        Meter.CreateObservableCounter("vllm.num_preemptions", () => Observe(s => s.Preemptions), "{preemption}", "Cumulative number of preemption from the engine.");
    }

    private static Histogram<double> Seconds(string name, string description, double[] buckets) =>
        Meter.CreateHistogram<double>(name, "s", description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    private static IEnumerable<Measurement<T>> Observe<T>(Func<Abstractions.EngineStats, T> value) where T : struct =>
        EngineTelemetry.Live.Select(engine => new Measurement<T>(value(engine.Stats()), engine.Tags));

    /// <summary>1, 2, 5, 10, 20, 50, ... up to <paramref name="max"/>, as vLLM's build_1_2_5_buckets.</summary>
    internal static long[] OneTwoFive(long max)
    {
        var buckets = new List<long>();
        for (long exponent = 1; ; exponent *= 10)
        {
            foreach (var mantissa in (long[])[1, 2, 5])
            {
                if (mantissa * exponent > max) return [.. buckets];
                buckets.Add(mantissa * exponent);
            }
        }
    }
}
