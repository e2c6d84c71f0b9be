using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>OTLP traces: one request is one trace from the gateway's HTTP span to the worker engine's phases.</summary>
public sealed class TracingTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task A_request_is_one_trace_across_gateway_replica_grain_and_engine()
    {
        await using var receiver = new OtlpReceiver();
        await using var redis = await RedisServer.StartAsync();
        Dictionary<string, string> Otel(string service) => new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = service, ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        var store = ProcessCluster.Redis(redis);
        await using var gateway = await GranaryServer.StartLiveAsync(Otel("granary-gateway"), ["--role", "gateway", .. store]);
        await using var worker = await GranaryServer.StartAsync(Otel("granary-worker"),
            ["--role", "worker", "--model", await SlowModel.ArgumentAsync(), "--threads", "1", "--kv-cache-memory", "64MiB", .. store]);
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        var body = new JsonObject { ["model"] = SlowModel.Name, ["prompt"] = "Trace me:", ["max_tokens"] = 4, ["ignore_eos"] = true };
        using (var response = await Client.PostAsJsonAsync($"{gateway.Url}/v1/completions", body))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        OtlpSpan[] trace = [];
        while (DateTime.UtcNow < deadline)
        {
            var spans = receiver.Spans;
            var root = spans.FirstOrDefault(s => s.Service == "granary-gateway" && s.Name == "POST /v1/completions");
            trace = root is null ? [] : spans.Where(s => s.TraceId == root.TraceId).ToArray();
            if (trace.Any(s => s.Name == "engine.decode")) break;
            await Task.Delay(200);
        }
        var names = string.Join(", ", trace.Select(s => $"{s.Service}:{s.Name}"));
        Assert.True(trace.Length > 0, $"no gateway span for the request among {receiver.Spans.Count} spans:\n{string.Join('\n', receiver.Spans.Select(s => $"{s.Service}:{s.Name}"))}");
        foreach (var expected in (string[])["granary.generate", "engine.generate", "engine.queue", "engine.prefill", "engine.decode"])
            Assert.True(trace.Any(s => s.Name == expected), $"{expected} is missing from the trace: {names}");
        // The engine's span hangs off the worker's side of the grain call, which hangs off the gateway's.
        var engine = trace.Single(s => s.Name == "engine.generate");
        var grainCall = trace.Single(s => s.SpanId == engine.ParentSpanId);
        Assert.True(grainCall.Service == "granary-worker" && !grainCall.Name.StartsWith("engine.", StringComparison.Ordinal), names);
        Assert.Equal("granary-gateway", trace.Single(s => s.SpanId == grainCall.ParentSpanId).Service);
        // One tree: every span but the gateway's HTTP span has its parent in the trace.
        Assert.All(trace.Where(s => s.Name != "POST /v1/completions"), s => Assert.Contains(trace, p => p.SpanId == s.ParentSpanId));
        Assert.Equal("4", trace.Single(s => s.Name == "engine.decode").Attributes["gen_ai.usage.output_tokens"]);
        Assert.True(int.Parse(trace.Single(s => s.Name == "engine.prefill").Attributes["gen_ai.usage.input_tokens"]) > 0);
    }
}
