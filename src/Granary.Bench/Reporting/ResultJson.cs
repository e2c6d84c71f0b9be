using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Bench.Metrics;
using Granary.Bench.Workload;

namespace Granary.Bench.Reporting;

/// <summary>
/// The --result-json document: the configuration, then one object per run with vLLM's field names
/// (request_throughput, output_throughput, mean_ttft_ms, median_ttft_ms, std_ttft_ms, p99_ttft_ms, …).
/// A latency with no samples is null; an infinite request rate is the string "inf".
/// </summary>
internal static class ResultJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Build(JsonObject config, IReadOnlyList<RunResult> runs, IReadOnlyList<double> percentiles, bool detailed = false)
    {
        var document = new JsonObject
        {
            ["tool"] = "granary-bench",
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["machine"] = new JsonObject
            {
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["processor_count"] = Environment.ProcessorCount,
                ["dotnet"] = Environment.Version.ToString(),
            },
        };
        foreach (var (key, value) in config) document[key] = value?.DeepClone();
        document["runs"] = new JsonArray(runs.Select(r => (JsonNode)Run(r, percentiles, detailed)).ToArray());
        return document;
    }

    public static void Write(string path, JsonObject document)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        File.WriteAllText(path, document.ToJsonString(Indented) + "\n");
    }

    public static JsonObject Run(RunResult run, IReadOnlyList<double> percentiles, bool detailed = false)
    {
        var m = run.Metrics;
        var json = new JsonObject
        {
            ["request_rate"] = run.Load.IsOpenLoop ? JsonValue.Create(run.Load.RequestRate) : JsonValue.Create("inf"),
            ["max_concurrency"] = run.Load.MaxConcurrency,
            ["completed"] = m.Completed,
            ["failed"] = m.Failed,
            ["duration"] = m.DurationSeconds,
            ["total_input_tokens"] = m.TotalInputTokens,
            ["total_output_tokens"] = m.TotalOutputTokens,
            ["total_cached_input_tokens"] = m.TotalCachedInputTokens,
            ["request_throughput"] = m.RequestThroughput,
            ["output_throughput"] = m.OutputThroughput,
            ["total_token_throughput"] = m.TotalTokenThroughput,
            ["max_concurrent_requests"] = m.MaxConcurrentRequests,
            ["off_length_outputs"] = run.OffLengthOutputs,
            ["load_avg_1m_before"] = run.LoadAverageBefore,
        };
        AddDistribution(json, "ttft", m.Ttft, percentiles);
        AddDistribution(json, "tpot", m.Tpot, percentiles);
        AddDistribution(json, "itl", m.Itl, percentiles);
        AddDistribution(json, "e2el", m.E2el, percentiles);
        json["errors"] = new JsonArray(m.Errors.Select(e => (JsonNode)new JsonObject { ["message"] = e.Message, ["count"] = e.Count }).ToArray());
        if (detailed) AddRequests(json, run.Requests);
        return json;
    }

    /// <summary>vLLM's --save-detailed arrays, one entry per request in dispatch order (seconds, as vLLM writes them).</summary>
    private static void AddRequests(JsonObject json, IReadOnlyList<RequestOutcome> requests)
    {
        json["start_times"] = Array(requests.Select(r => (JsonNode?)r.StartTime));
        json["input_lens"] = Array(requests.Select(r => (JsonNode?)r.PromptTokens));
        json["output_lens"] = Array(requests.Select(r => (JsonNode?)(r.Success ? r.OutputTokens : 0)));
        json["ttfts"] = Array(requests.Select(r => r.Success ? (JsonNode?)r.Ttft : null));
        json["e2els"] = Array(requests.Select(r => r.Success ? (JsonNode?)r.Latency : null));
        json["itls"] = Array(requests.Select(r => (JsonNode?)Array(r.InterTokenLatencies.Select(gap => (JsonNode?)gap))));
        json["errors_by_request"] = Array(requests.Select(r => (JsonNode?)(r.Error ?? "")));
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    private static void AddDistribution(JsonObject json, string name, Distribution? d, IReadOnlyList<double> percentiles)
    {
        json[$"mean_{name}_ms"] = d?.Mean;
        json[$"median_{name}_ms"] = d?.Median;
        json[$"std_{name}_ms"] = d?.Std;
        foreach (var percent in percentiles) json[$"{new PercentileValue(percent, 0).Name}_{name}_ms"] = d?.At(percent);
        json[$"{name}_samples"] = d?.Count ?? 0;
    }
}
