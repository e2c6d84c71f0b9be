using System.IO.Compression;
using System.Text.Json.Nodes;
using Granary.Bench.Commands;
using Granary.Bench.Tests.Support;

namespace Granary.Bench.Tests.Commands;

public sealed class MakeModelTests
{
    /// <summary>A one-layer Llama with the tiny model's 600-token vocabulary, small enough to write in milliseconds.</summary>
    private static JsonObject SmallConfig() => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = 600,
        ["hidden_size"] = 32,
        ["intermediate_size"] = 64,
        ["num_hidden_layers"] = 1,
        ["num_attention_heads"] = 2,
        ["num_key_value_heads"] = 1,
        ["max_position_embeddings"] = 128,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 10000.0,
        ["tie_word_embeddings"] = true,
        ["hidden_act"] = "silu",
        ["torch_dtype"] = "float32",
    };

    [Fact]
    public async Task Writes_a_loadable_model_with_a_gzipped_tokenizer_decompressed()
    {
        using var folder = new TempFolder();
        var config = folder.File("config.json");
        await File.WriteAllTextAsync(config, SmallConfig().ToJsonString());
        // A tokenizer folder laid out like tests/fixtures/tokenizers/*: tokenizer.json.gz + tokenizer_config.json.
        var tokenizers = Directory.CreateDirectory(folder.File("tokenizer")).FullName;
        var original = await File.ReadAllBytesAsync(Path.Combine(EngineSmokeTests.TinyModel, "tokenizer.json"));
        await using (var gz = new GZipStream(File.Create(Path.Combine(tokenizers, "tokenizer.json.gz")), CompressionLevel.Fastest))
            await gz.WriteAsync(original);
        File.Copy(Path.Combine(EngineSmokeTests.TinyModel, "tokenizer_config.json"), Path.Combine(tokenizers, "tokenizer_config.json"));

        var output = folder.File("model");
        var exit = await BenchCommandLine.Build().Parse(["make-model", "--config", config, "--out", output, "--seed", "5", "--tokenizer-from", tokenizers]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.Equal(original, await File.ReadAllBytesAsync(Path.Combine(output, "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(output, "tokenizer_config.json")));
        Assert.Equal(600, (int)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "config.json")))!["vocab_size"]!);
        // float32: 600·32 embeddings + 1 layer (4 attention + 3 MLP matrices) ≈ 100 KB, not empty.
        Assert.True(new FileInfo(Path.Combine(output, "model.safetensors")).Length > 80_000);

        // The folder is a model the engine serves.
        var (benchExit, result) = await EngineSmokeTests.RunEngineAsync(output, "--concurrency 1 --num-prompts 2 --input-len 8 --output-len 3 --warmup 0", folder);
        Assert.Equal(0, benchExit);
        Assert.Equal(6, (long)result["runs"]![0]!["total_output_tokens"]!);
    }

    [Theory]
    [InlineData("make-model --out {0}")]
    [InlineData("make-model --preset llama-110m --config x.json --out {0}")]
    public async Task Exactly_one_of_preset_and_config_is_needed(string args)
    {
        using var folder = new TempFolder();
        Assert.Equal(2, await BenchCommandLine.Build().Parse(string.Format(args, folder.File("m"))).InvokeAsync());
    }

    [Fact]
    public async Task An_unknown_preset_is_a_usage_error()
    {
        using var folder = new TempFolder();
        Assert.NotEqual(0, await BenchCommandLine.Build().Parse($"make-model --preset gpt-5 --out {folder.File("m")}").InvokeAsync());
    }
}
