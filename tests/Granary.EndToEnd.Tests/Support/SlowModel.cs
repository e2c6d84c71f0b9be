using System.Text.Json.Nodes;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>
/// A random-weight Llama big enough that a worker takes seconds over a few hundred tokens (6 layers,
/// hidden 512: ~35 tok/s on two cores), so a test can kill it mid-stream. Written once, next to the
/// tests, by `granary-bench make-model` with the bundled model's tokenizer.
/// </summary>
internal static class SlowModel
{
    public const string Name = "slow-llama";

    private static readonly Lazy<Task<string>> Folder = new(WriteAsync);

    /// <summary>The server's `--model` argument for it.</summary>
    public static async Task<string> ArgumentAsync() => $"{Name}={await Folder.Value}";

    private static async Task<string> WriteAsync()
    {
        // Seeded, so a folder a previous run completed is the same model.
        var folder = Path.Combine(AppContext.BaseDirectory, "models", Name);
        var complete = Path.Combine(folder, ".complete");
        if (File.Exists(complete)) return folder;
        Directory.CreateDirectory(folder);
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"), ["model_type"] = "llama", ["torch_dtype"] = "float32",
            ["hidden_size"] = 512, ["intermediate_size"] = 1536, ["num_hidden_layers"] = 6, ["num_attention_heads"] = 8,
            ["num_key_value_heads"] = 4, ["head_dim"] = 64, ["max_position_embeddings"] = 1024, ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 500000.0, ["vocab_size"] = 600, ["bos_token_id"] = 0, ["eos_token_id"] = 4, ["tie_word_embeddings"] = true,
            ["hidden_act"] = "silu", ["attention_bias"] = false, ["mlp_bias"] = false,
        };
        var configPath = Path.Combine(folder, "..", "slow-llama-config.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        await using var bench = new ChildProcess("dotnet", [Paths.BenchAssembly, "make-model", "--config", configPath, "--out", folder,
            "--tokenizer-from", Paths.BundledModel, "--seed", "7"]);
        var exit = await bench.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"granary-bench make-model failed:\n{bench.Output}");
        await File.WriteAllTextAsync(complete, "");
        return folder;
    }
}
