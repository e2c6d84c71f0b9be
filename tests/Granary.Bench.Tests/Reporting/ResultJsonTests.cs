using System.Text.Json.Nodes;
using Granary.Bench.Metrics;
using Granary.Bench.Reporting;
using Granary.Bench.Tests.Support;
using Granary.Bench.Workload;

namespace Granary.Bench.Tests.Reporting;

public sealed class ResultJsonTests
{
    internal static RunResult Run(LoadPoint load, params RequestOutcome[] outcomes) =>
        new(load, MetricsCalculator.Compute(outcomes, 2.0, [90, 99]), 0, outcomes);

    private static readonly RequestOutcome[] Outcomes2 =
    [
        Outcomes.Ok(0, 100, 500, 5, 10, 100, 100, 100, 100),
        Outcomes.Ok(0, 200, 800, 4, 10, 150, 200, 250),
    ];

    [Fact]
    public void Runs_carry_vllms_field_names()
    {
        var json = ResultJson.Run(Run(LoadPoint.Concurrency(4), Outcomes2), [90, 99]);
        string[] expected =
        [
            "completed", "failed", "duration", "total_input_tokens", "total_output_tokens", "request_throughput", "output_throughput",
            "total_token_throughput", "max_concurrency", "request_rate", "max_concurrent_requests", "off_length_outputs", "load_avg_1m_before",
        ];
        foreach (var metric in new[] { "ttft", "tpot", "itl", "e2el" })
        {
            expected = [.. expected, $"mean_{metric}_ms", $"median_{metric}_ms", $"std_{metric}_ms", $"p90_{metric}_ms", $"p99_{metric}_ms"];
        }
        foreach (var field in expected) Assert.True(json.ContainsKey(field), $"missing {field}");

        Assert.Equal("inf", (string?)json["request_rate"]);
        Assert.Equal(4, (int?)json["max_concurrency"]);
        Assert.Equal(9, (long)json["total_output_tokens"]!);
        Assert.Equal(150.0, (double)json["median_ttft_ms"]!, 9);
        Assert.Equal(150.0, (double)json["mean_tpot_ms"]!, 9);
        Assert.Equal(4.5, (double)json["output_throughput"]!, 9);
    }

    [Fact]
    public void Undefined_latencies_are_null_and_open_loop_rates_are_numbers()
    {
        var json = ResultJson.Run(Run(new LoadPoint(2.5, null), Outcomes.Ok(0, 40, 40, 1)), [99]);
        Assert.Equal(2.5, (double)json["request_rate"]!);
        Assert.Null(json["max_concurrency"]);
        Assert.True(json.ContainsKey("p99_tpot_ms"));
        Assert.Null(json["p99_tpot_ms"]);
        Assert.Null(json["mean_itl_ms"]);
        Assert.Equal(0, (int)json["tpot_samples"]!);
    }

    [Fact]
    public void The_document_has_the_configuration_and_detailed_arrays_on_request()
    {
        var config = new JsonObject { ["mode"] = "engine", ["input_len"] = 4 };
        var document = ResultJson.Build(config, [Run(LoadPoint.Concurrency(1), Outcomes2), Run(LoadPoint.Concurrency(2), Outcomes2)], [99], detailed: true);
        using var folder = new TempFolder();
        ResultJson.Write(folder.File("out/result.json"), document);

        var read = JsonNode.Parse(File.ReadAllText(folder.File("out/result.json")))!;
        Assert.Equal("granary-bench", (string?)read["tool"]);
        Assert.Equal("engine", (string?)read["mode"]);
        Assert.Equal(2, read["runs"]!.AsArray().Count);
        var first = read["runs"]![0]!;
        Assert.Equal([0.1, 0.2], first["ttfts"]!.AsArray().Select(n => (double)n!));
        Assert.Equal([5, 4], first["output_lens"]!.AsArray().Select(n => (int)n!));
        Assert.Equal(4, first["itls"]![0]!.AsArray().Count);
    }
}
