using System.Text.Json.Nodes;
using Granary.Bench.Commands;
using Granary.Bench.Tests.Support;

namespace Granary.Bench.Tests.Commands;

/// <summary>granary-bench engine end to end on the bundled tiny model: the counts must be exact.</summary>
public sealed class EngineSmokeTests
{
    public static string TinyModel => Path.Combine(AppContext.BaseDirectory, "models", "tiny-llama3");

    internal static async Task<(int Exit, JsonNode Result)> RunEngineAsync(string modelPath, string workload, TempFolder folder)
    {
        var json = folder.File("engine.json");
        var args = $"engine --model-path {modelPath} --threads 1 --kv-cache-memory 64MiB {workload} --result-json {json}";
        var exit = await BenchCommandLine.Build().Parse(args).InvokeAsync();
        Assert.True(File.Exists(json), $"exit {exit}, no result file");
        return (exit, JsonNode.Parse(await File.ReadAllTextAsync(json))!);
    }

    [Fact]
    public async Task Four_prompts_at_concurrency_two_count_exactly()
    {
        using var folder = new TempFolder();
        var (exit, result) = await RunEngineAsync(TinyModel, "--concurrency 2 --num-prompts 4 --input-len 24 --output-len 6 --seed 3 --detailed", folder);

        Assert.Equal(0, exit);
        Assert.Equal("engine", (string?)result["mode"]);
        Assert.Equal(600, (int)result["vocab_size"]!); // from the model's config.json
        var run = result["runs"]!.AsArray().Single()!;
        Assert.Equal(4, (int)run["completed"]!);
        Assert.Equal(0, (int)run["failed"]!);
        Assert.Equal(4 * 24, (long)run["total_input_tokens"]!);
        Assert.Equal(4 * 6, (long)run["total_output_tokens"]!);
        Assert.Equal(2, (int?)run["max_concurrency"]);
        Assert.InRange((int)run["max_concurrent_requests"]!, 1, 2);
        Assert.Equal(0, (int)run["off_length_outputs"]!);
        Assert.Equal(0, (long)run["total_cached_input_tokens"]!); // fresh random prompts: nothing to reuse
        // The engine streams one event per token: five gaps per six-token request.
        Assert.Equal(4, (int)run["ttft_samples"]!);
        Assert.Equal(4, (int)run["tpot_samples"]!);
        Assert.Equal(4 * 5, (int)run["itl_samples"]!);
        Assert.All(run["itls"]!.AsArray(), gaps => Assert.Equal(5, gaps!.AsArray().Count));

        var duration = (double)run["duration"]!;
        Assert.Equal(24 / duration, (double)run["output_throughput"]!, 6);
        Assert.Equal(4 / duration, (double)run["request_throughput"]!, 6);
        Assert.True((double)run["median_ttft_ms"]! > 0 && (double)run["median_ttft_ms"]! <= (double)run["median_e2el_ms"]!);
        Assert.True((double)run["mean_tpot_ms"]! > 0);
    }

    [Fact]
    public async Task A_workload_longer_than_the_context_window_is_refused_before_it_runs()
    {
        using var folder = new TempFolder();
        var args = $"engine --model-path {TinyModel} --threads 1 --kv-cache-memory 64MiB --input-len 500 --output-len 100 --num-prompts 1";
        Assert.Equal(2, await BenchCommandLine.Build().Parse(args).InvokeAsync());
    }
}
