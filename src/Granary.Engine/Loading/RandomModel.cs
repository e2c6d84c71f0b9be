using System.Text.Json.Nodes;
using Granary.Engine.Torch;
using TorchSharp;

namespace Granary.Engine.Loading;

/// <summary>Creates random-weight Hugging Face model folders, e.g. in Llama-3.2-1B's shape, for benchmarks.</summary>
public static class RandomModel
{
    /// <summary>Llama-3.2-1B's config.json (1.24 B parameters, tied embeddings).</summary>
    public static JsonObject Llama32_1B() => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = 128256,
        ["hidden_size"] = 2048,
        ["intermediate_size"] = 8192,
        ["num_hidden_layers"] = 16,
        ["num_attention_heads"] = 32,
        ["num_key_value_heads"] = 8,
        ["head_dim"] = 64,
        ["max_position_embeddings"] = 131072,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 500000.0,
        ["rope_scaling"] = new JsonObject
        {
            ["rope_type"] = "llama3", ["factor"] = 32.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 4.0,
            ["original_max_position_embeddings"] = 8192,
        },
        ["tie_word_embeddings"] = true,
        ["hidden_act"] = "silu",
        ["bos_token_id"] = 128000,
        ["eos_token_id"] = 128001,
        ["torch_dtype"] = "bfloat16",
    };

    /// <summary>The 110M-parameter Llama of llama2.c's stories110M (dim 768, 12 layers, 12 heads, vocab 32000).</summary>
    public static JsonObject Llama110M() => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = 32000,
        ["hidden_size"] = 768,
        ["intermediate_size"] = 2048,
        ["num_hidden_layers"] = 12,
        ["num_attention_heads"] = 12,
        ["num_key_value_heads"] = 12,
        ["max_position_embeddings"] = 1024,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 10000.0,
        ["tie_word_embeddings"] = true,
        ["hidden_act"] = "silu",
        ["torch_dtype"] = "float32",
    };

    /// <summary>
    /// Writes config.json and model.safetensors with N(0, std²) weights (norms 1) to <paramref name="directory"/>;
    /// copies tokenizer files from <paramref name="tokenizerFrom"/> when given.
    /// </summary>
    public static void Write(JsonObject config, string directory, string dtype = "bfloat16", long seed = 0, string? tokenizerFrom = null)
    {
        var scalarType = TorchRuntime.ResolveDtype(dtype, new torch.Device("cpu"), null);
        RandomModelWriter.Write(config, directory, scalarType, seed);
        if (tokenizerFrom is null) return;
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "special_tokens_map.json" })
        {
            var source = Path.Combine(tokenizerFrom, name);
            if (File.Exists(source)) File.Copy(source, Path.Combine(directory, name), overwrite: true);
        }
    }
}
