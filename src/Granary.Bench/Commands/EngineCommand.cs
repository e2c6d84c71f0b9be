using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Granary.Bench.Clients;
using Granary.Bench.Workload;
using Granary.Engine.Serving;

namespace Granary.Bench.Commands;

/// <summary>granary-bench engine: the same workload straight against an in-process LlmEngine (no HTTP, no Orleans).</summary>
internal static class EngineCommand
{
    public static Command Build()
    {
        var modelPath = new Option<string>("--model-path") { Description = "Hugging Face model folder", DefaultValueFactory = _ => BundledModel };
        var device = new Option<string>("--device") { Description = "cpu | cuda | cuda:N", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "auto | float32 | float16 | bfloat16", DefaultValueFactory = _ => "auto" };
        var kvCache = new Option<string?>("--kv-cache-memory") { Description = "KV cache size, e.g. 2GiB (default: a quarter of free memory)" };
        var batchedTokens = new Option<int?>("--max-num-batched-tokens") { Description = "Tokens per forward pass (default 512 on CPU, 8192 on CUDA)" };
        var maxSeqs = new Option<int>("--max-num-seqs") { Description = "Sequences batched at once", DefaultValueFactory = _ => 256 };
        var maxModelLen = new Option<int?>("--max-model-len") { Description = "Context window (default: the model's max_position_embeddings)" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: one per core)" };
        var noPrefixCaching = new Option<bool>("--no-prefix-caching") { Description = "Turn automatic prefix caching off" };
        var workload = new WorkloadOptions();
        var command = new Command("engine", "Benchmark an LlmEngine in this process: the serving path without HTTP and Orleans")
        {
            modelPath, device, dtype, kvCache, batchedTokens, maxSeqs, maxModelLen, threads, noPrefixCaching,
        };
        workload.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(() =>
        {
            var options = new EngineOptions
            {
                ModelPath = result.GetValue(modelPath)!,
                Device = result.GetValue(device)!,
                Dtype = result.GetValue(dtype)!,
                KvCacheBytes = result.GetValue(kvCache) is { } size ? ByteSizeParser.Parse(size, "--kv-cache-memory") : null,
                MaxNumBatchedTokens = Positive(result.GetValue(batchedTokens), "--max-num-batched-tokens"),
                MaxNumSequences = Positive(result.GetValue(maxSeqs), "--max-num-seqs")!.Value,
                MaxModelLength = Positive(result.GetValue(maxModelLen), "--max-model-len"),
                Threads = Positive(result.GetValue(threads), "--threads"),
                EnablePrefixCaching = !result.GetValue(noPrefixCaching),
            };
            return RunAsync(options, workload, result, ct);
        }));
        return command;
    }

    /// <summary>The tiny random-weight Llama 3 copied next to the tool.</summary>
    public static string BundledModel => Path.Combine(AppContext.BaseDirectory, "models", "tiny-llama3");

    private static async Task<int> RunAsync(EngineOptions options, WorkloadOptions workload, ParseResult result, CancellationToken ct)
    {
        var spec = workload.Read(result);
        if (!File.Exists(Path.Combine(options.ModelPath, "config.json")))
            throw new BenchException($"--model-path: {options.ModelPath} has no config.json");
        var vocabulary = Vocabulary.Resolve(workload.VocabSize(result), options.ModelPath);

        Console.WriteLine($"engine: loading {Path.GetFullPath(options.ModelPath)} on {options.Device} ({options.Dtype})");
        var loading = Stopwatch.StartNew();
        LlmEngine engine;
        try
        {
            engine = await LlmEngine.StartAsync(options);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new BenchException($"the engine did not start: {ex.Message}");
        }
        using var _ = engine;
        Console.WriteLine($"engine: ready in {loading.Elapsed.TotalSeconds:0.0} s, context window {engine.Card.MaxModelLength}; prompt ids from [0, {vocabulary.Size}) ({vocabulary.Source})");
        if (spec.InputTokens + spec.OutputTokens > engine.Card.MaxModelLength)
            throw new BenchException($"--input-len {spec.InputTokens} + --output-len {spec.OutputTokens} exceed the context window of {engine.Card.MaxModelLength} tokens");

        var config = new JsonObject
        {
            ["mode"] = "engine",
            ["model_id"] = engine.Card.Id,
            ["model_path"] = Path.GetFullPath(options.ModelPath),
            ["device"] = options.Device,
            ["dtype"] = options.Dtype,
            ["kv_cache_bytes"] = options.KvCacheBytes,
            ["max_num_batched_tokens"] = options.MaxNumBatchedTokens,
            ["max_num_seqs"] = options.MaxNumSequences,
            ["max_model_len"] = engine.Card.MaxModelLength,
            ["threads"] = options.Threads,
            ["prefix_caching"] = options.EnablePrefixCaching,
        };
        return await BenchmarkSession.RunAsync(new EngineBenchClient(engine), spec, vocabulary, config, workload.Targets(result), engine.Card.Id, null, ct);
    }

    private static int? Positive(int? value, string option) =>
        value is null or > 0 ? value : throw new BenchException($"{option} must be at least 1");
}
