using System.Diagnostics.Metrics;
using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Engine.Telemetry;
using Granary.Engine.Tests.Serving;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Telemetry;

/// <summary>The engine's vLLM instruments, as a MeterListener sees them for one engine's model_name.</summary>
public sealed class EngineInstrumentsTests
{
    [Fact]
    public async Task A_request_records_once_per_request_and_once_per_token_gap()
    {
        using var recorder = new Recorder();
        using var engine = await Start(recorder.Model);
        var prompt = Fixtures.Golden("tiny-llama3")[0].Ids;
        await EngineFixture.Collect(engine, EngineFixture.Greedy(prompt, maxTokens: 5));
        await EngineFixture.WaitUntil(() => recorder.Values("vllm.request_success").Count == 1);

        Assert.Equal("length", recorder.Tags("vllm.request_success").Single()["finished_reason"]);
        Assert.Equal([5.0], recorder.Values("vllm.request_generation_tokens"));
        Assert.Equal([(double)prompt.Length], recorder.Values("vllm.request_prompt_tokens"));
        Assert.Equal(5, recorder.Values("vllm.generation_tokens").Sum());
        Assert.Equal(prompt.Length, recorder.Values("vllm.prompt_tokens").Sum());
        Assert.Equal(4, recorder.Values("vllm.inter_token_latency_seconds").Count); // gaps between 5 tokens
        Assert.Equal(4, recorder.Values("vllm.time_per_output_token_seconds").Count);
        foreach (var name in (string[])["vllm.time_to_first_token_seconds", "vllm.e2e_request_latency_seconds", "vllm.request_queue_time_seconds",
                     "vllm.request_prefill_time_seconds", "vllm.request_decode_time_seconds", "vllm.request_inference_time_seconds"])
            Assert.True(recorder.Values(name) is [>= 0], $"{name}: [{string.Join(", ", recorder.Values(name))}]");
        Assert.True(recorder.Values("vllm.e2e_request_latency_seconds")[0] >= recorder.Values("vllm.time_to_first_token_seconds")[0]);
        Assert.All(recorder.Tags("vllm.e2e_request_latency_seconds"), tags => Assert.Equal("3", tags["engine"]));
    }

    [Fact]
    public async Task Choices_add_up_to_one_request_and_gaps_are_timed_on_the_first_choice()
    {
        using var recorder = new Recorder();
        using var engine = await Start(recorder.Model);
        await EngineFixture.Collect(engine, EngineFixture.Greedy(Fixtures.Golden("tiny-llama3")[0].Ids, maxTokens: 4, n: 3));
        await EngineFixture.WaitUntil(() => recorder.Values("vllm.request_success").Count == 1);

        Assert.Equal([12.0], recorder.Values("vllm.request_generation_tokens"));
        Assert.Equal(3, recorder.Values("vllm.inter_token_latency_seconds").Count);
        Assert.Single(recorder.Values("vllm.time_to_first_token_seconds"));
    }

    [Fact]
    public async Task A_cancelled_request_counts_as_aborted_and_the_gauges_follow_the_live_engine()
    {
        using var recorder = new Recorder();
        var engine = await Start(recorder.Model);
        using (var cancel = new CancellationTokenSource())
        {
            var request = EngineFixture.Greedy(Fixtures.Golden("tiny-llama3")[0].Ids, maxTokens: 400);
            await foreach (var _ in engine.GenerateAsync(request, cancel.Token).WithCancellation(cancel.Token))
            {
                await cancel.CancelAsync();
                break;
            }
        }
        await EngineFixture.WaitUntil(() => recorder.Values("vllm.request_success").Count == 1);
        Assert.Equal("abort", recorder.Tags("vllm.request_success").Single()["finished_reason"]);

        recorder.Observe();
        Assert.Equal([0.0], recorder.Values("vllm.num_requests_running"));
        engine.Dispose();
        recorder.Observe();
        Assert.Single(recorder.Values("vllm.num_requests_running")); // a disposed engine is observed no more
    }

    private static Task<LlmEngine> Start(string model) => LlmEngine.StartAsync(new EngineOptions
    {
        ModelPath = Fixtures.Model("tiny-llama3"),
        ServedName = model,
        KvCacheBytes = 16 << 20,
    }, engineIndex: 3);

    /// <summary>Measurements of the engine meter tagged with this test's own model name (tests run in parallel).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, double Value, Dictionary<string, string?> Tags)> _measurements = [];

        public Recorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineInstruments.MeterName) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
            _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
            _listener.Start();
        }

        public string Model { get; } = $"metrics-{Guid.NewGuid():N}";

        public void Observe() => _listener.RecordObservableInstruments();

        public List<double> Values(string name)
        {
            lock (_measurements) return _measurements.Where(m => m.Name == name).Select(m => m.Value).ToList();
        }

        public List<Dictionary<string, string?>> Tags(string name)
        {
            lock (_measurements) return _measurements.Where(m => m.Name == name).Select(m => m.Tags).ToList();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, string?>();
            foreach (var (key, tag) in tags) map[key] = tag?.ToString();
            if (map.GetValueOrDefault("model_name") != Model) return;
            lock (_measurements) _measurements.Add((instrument.Name, value, map));
        }

        public void Dispose() => _listener.Dispose();
    }
}
