using System.Text.Json.Nodes;
using Granary.Bench.Clients;
using Granary.Bench.Reporting;
using Granary.Bench.Workload;

namespace Granary.Bench.Commands;

/// <summary>What serve and engine modes do once their client is ready: run the sweep, then report it.</summary>
internal static class BenchmarkSession
{
    public static async Task<int> RunAsync(
        IBenchClient client, WorkloadSpec spec, Vocabulary vocabulary, JsonObject config, ReportTargets targets, string subject,
        Func<BenchRequest[], CancellationToken, Task<BenchRequest[]>>? prepare, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        if (vocabulary.Source.StartsWith("fallback", StringComparison.Ordinal))
            output.WriteLine($"warning: the model's vocabulary size is unknown here; prompt ids come from [0, {vocabulary.Size}). Pass --vocab-size to use the whole vocabulary.");

        var runner = new SweepRunner(client, spec, vocabulary, output)
        {
            Prepare = prepare,
            OnRun = run => ConsoleReport.WriteRun(output, run),
        };
        var runs = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        if (runs.Count > 1) ConsoleReport.WriteSweep(output, runs);

        var document = ResultJson.Build(Config(config, spec, vocabulary, targets), runs, spec.Percentiles, targets.Detailed);
        if (targets.ResultJson is { } json)
        {
            ResultJson.Write(json, document);
            output.WriteLine($"results: {Path.GetFullPath(json)}");
        }
        if (targets.Plot is { } plot)
        {
            var title = $"{targets.Label ?? subject} — {spec.InputTokens} input / {spec.OutputTokens} output tokens, {spec.NumPrompts} requests per point";
            SweepPlot.Write(plot, title, runs);
            output.WriteLine($"plot: {Path.GetFullPath(plot)}");
        }
        // A run with failed requests does not measure what was asked: say so in the exit code too.
        return runs.Any(r => r.Metrics.Failed > 0) ? 1 : 0;
    }

    private static JsonObject Config(JsonObject modeConfig, WorkloadSpec spec, Vocabulary vocabulary, ReportTargets targets)
    {
        var config = new JsonObject { ["label"] = targets.Label };
        foreach (var (key, value) in modeConfig) config[key] = value?.DeepClone();
        config["num_prompts"] = spec.NumPrompts;
        config["input_len"] = spec.InputTokens;
        config["output_len"] = spec.OutputTokens;
        config["seed"] = spec.Seed;
        config["warmup"] = spec.Warmup is { } warmup ? JsonValue.Create(warmup) : JsonValue.Create("one per concurrent stream");
        config["vocab_size"] = vocabulary.Size;
        config["vocab_source"] = vocabulary.Source;
        config["percentiles"] = new JsonArray(spec.Percentiles.Select(p => (JsonNode)p).ToArray());
        config["sampling"] = "temperature 0, ignore_eos, max_tokens = output_len";
        return config;
    }
}
