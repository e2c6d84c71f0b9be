using System.CommandLine;
using System.Text.Json.Nodes;
using Granary.Bench.Models;
using Granary.Engine.Loading;

namespace Granary.Bench.Commands;

/// <summary>granary-bench make-model: a random-weight Hugging Face folder in a real model's shape, for benchmarks.</summary>
internal static class MakeModelCommand
{
    private static readonly Dictionary<string, Func<JsonObject>> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["llama-3.2-1b"] = RandomModel.Llama32_1B,
        ["llama-110m"] = RandomModel.Llama110M,
    };

    public static Command Build()
    {
        var preset = new Option<string?>("--preset") { Description = "llama-3.2-1b | llama-110m" };
        preset.AcceptOnlyFromAmong([.. Presets.Keys]);
        var config = new Option<string?>("--config") { Description = "A config.json to use instead of a preset" };
        var output = new Option<string>("--out") { Description = "Folder to write (config.json, model.safetensors, tokenizer)", Required = true };
        var dtype = new Option<string?>("--dtype") { Description = "bfloat16 | float16 | float32 (default: the config's torch_dtype, else bfloat16)" };
        dtype.AcceptOnlyFromAmong("bfloat16", "float16", "float32");
        var seed = new Option<long>("--seed") { Description = "Seed of the random weights", DefaultValueFactory = _ => 0 };
        var tokenizerFrom = new Option<string?>("--tokenizer-from") { Description = "Folder (or file) with tokenizer.json or tokenizer.json.gz, tokenizer_config.json, chat template" };
        var command = new Command("make-model", "Write a random-weight model folder (Llama-3.2-1B or 110M shape) for benchmarks")
        {
            preset, config, output, dtype, seed, tokenizerFrom,
        };
        command.SetAction((result, ct) => CommandGuard.RunAsync(() => Task.FromResult(Run(
            result.GetValue(preset), result.GetValue(config), result.GetValue(output)!, result.GetValue(dtype), result.GetValue(seed), result.GetValue(tokenizerFrom)))));
        return command;
    }

    private static int Run(string? preset, string? configPath, string output, string? dtype, long seed, string? tokenizerFrom)
    {
        if ((preset is null) == (configPath is null)) throw new BenchException("give exactly one of --preset and --config");
        var config = preset is not null ? Presets[preset]() : ReadConfig(configPath!);
        var weightsType = dtype ?? (config["torch_dtype"] ?? config["dtype"])?.GetValue<string>() ?? "bfloat16";
        if (weightsType is not ("bfloat16" or "float16" or "float32"))
            throw new BenchException($"the config's dtype '{weightsType}' is not bfloat16, float16 or float32: pass --dtype");

        Directory.CreateDirectory(output);
        var folderSource = tokenizerFrom is not null && Directory.Exists(tokenizerFrom) ? tokenizerFrom : null;
        Console.WriteLine($"make-model: writing {preset ?? configPath} with {weightsType} weights (seed {seed}) to {Path.GetFullPath(output)}");
        RandomModel.Write(config, output, weightsType, seed, folderSource);
        var tokenizer = tokenizerFrom is null ? null : TokenizerFiles.Complete(tokenizerFrom, output);

        var weights = new FileInfo(Path.Combine(output, "model.safetensors"));
        Console.WriteLine($"make-model: model.safetensors {weights.Length / (1024.0 * 1024.0):0.0} MiB; tokenizer: {(tokenizer is null ? "none" : string.Join(", ", tokenizer))}");
        if (tokenizer is null)
            Console.WriteLine("note: the engine and server load a folder only with its tokenizer.json; pass --tokenizer-from to add one");
        return 0;
    }

    private static JsonObject ReadConfig(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new BenchException($"--config: {path} is not a JSON object");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new BenchException($"--config: cannot read {path}: {ex.Message}");
        }
    }
}
