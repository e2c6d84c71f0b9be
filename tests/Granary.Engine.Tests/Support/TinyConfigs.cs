using System.Text.Json.Nodes;

namespace Granary.Engine.Tests.Support;

/// <summary>Small HF configs covering what the fixtures do not: biases, rope scaling, windows, MHA, untied heads.</summary>
internal static class TinyConfigs
{
    public static JsonObject Base(string architecture, string modelType) => new()
    {
        ["architectures"] = new JsonArray(architecture),
        ["model_type"] = modelType,
        ["vocab_size"] = 64,
        ["hidden_size"] = 32,
        ["intermediate_size"] = 48,
        ["num_hidden_layers"] = 2,
        ["num_attention_heads"] = 4,
        ["num_key_value_heads"] = 2,
        ["max_position_embeddings"] = 128,
        ["rms_norm_eps"] = 1e-6,
        ["hidden_act"] = "silu",
        ["tie_word_embeddings"] = false,
        ["rope_theta"] = 10000.0,
    };

    public static readonly IReadOnlyDictionary<string, Func<JsonObject>> All = new Dictionary<string, Func<JsonObject>>
    {
        ["llama_bias_llama3_rope_untied"] = () => With(Base("LlamaForCausalLM", "llama"), new()
        {
            ["attention_bias"] = true,
            ["mlp_bias"] = true,
            ["rope_scaling"] = new JsonObject
            {
                ["rope_type"] = "llama3", ["factor"] = 8.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 4.0,
                ["original_max_position_embeddings"] = 16,
            },
        }),
        ["llama_mha_linear_rope_tied"] = () => With(Base("LlamaForCausalLM", "llama"), new()
        {
            ["num_key_value_heads"] = 4,
            ["tie_word_embeddings"] = true,
            ["rope_scaling"] = new JsonObject { ["type"] = "linear", ["factor"] = 2.0 },
        }),
        ["mistral_sliding_window"] = () => With(Base("MistralForCausalLM", "mistral"), new() { ["sliding_window"] = 5 }),
        ["qwen2_bias_window_from_layer_1"] = () => With(Base("Qwen2ForCausalLM", "qwen2"), new()
        {
            ["use_sliding_window"] = true, ["sliding_window"] = 4, ["max_window_layers"] = 1,
        }),
        ["qwen3_head_dim_yarn_tied"] = () => With(Base("Qwen3ForCausalLM", "qwen3"), new()
        {
            ["head_dim"] = 16,
            ["tie_word_embeddings"] = true,
            ["rope_parameters"] = new JsonObject
            {
                ["rope_type"] = "yarn", ["rope_theta"] = 1000000.0, ["factor"] = 4.0, ["original_max_position_embeddings"] = 32,
            },
        }),
        ["qwen3_gqa_4_to_1"] = () => With(Base("Qwen3ForCausalLM", "qwen3"), new() { ["num_key_value_heads"] = 1 }),
    };

    private static JsonObject With(JsonObject config, JsonObject changes)
    {
        foreach (var (key, value) in changes.ToArray())
        {
            changes.Remove(key);
            config[key] = value;
        }
        return config;
    }
}
