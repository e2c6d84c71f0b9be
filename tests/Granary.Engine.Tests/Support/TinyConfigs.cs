using System.Text.Json.Nodes;

namespace Granary.Engine.Tests.Support;

/// <summary>
/// Small HF configs covering what the fixtures do not: biases, rope scaling, windows, MHA, untied
/// heads, and every Gemma 2 and Phi-3 variant (soft caps small enough to bite, windows shorter than
/// the test prompts, LongRoPE below and above original_max_position_embeddings).
/// </summary>
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
        ["mistral_head_dim_16_window_3_tied"] = () => With(Base("MistralForCausalLM", "mistral"), new()
        {
            ["head_dim"] = 16, ["sliding_window"] = 3, ["tie_word_embeddings"] = true,
        }),
        ["mistral_no_window_gqa_4_to_1_llama3_rope"] = () => With(Base("MistralForCausalLM", "mistral"), new()
        {
            ["sliding_window"] = null,
            ["num_key_value_heads"] = 1,
            ["rope_scaling"] = new JsonObject
            {
                ["rope_type"] = "llama3", ["factor"] = 4.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 2.0,
                ["original_max_position_embeddings"] = 32,
            },
        }),
        ["qwen2_layer_types_tied_mha"] = () => With(Base("Qwen2ForCausalLM", "qwen2"), new()
        {
            ["num_key_value_heads"] = 4,
            ["tie_word_embeddings"] = true,
            ["use_sliding_window"] = true,
            ["sliding_window"] = 3,
            ["layer_types"] = new JsonArray("sliding_attention", "full_attention"),
        }),
        ["qwen2_yarn_window_unused"] = () => With(Base("Qwen2ForCausalLM", "qwen2"), new()
        {
            ["use_sliding_window"] = false, ["sliding_window"] = 2, ["max_window_layers"] = 0,
            ["rope_scaling"] = new JsonObject { ["type"] = "yarn", ["factor"] = 4.0, ["original_max_position_embeddings"] = 32 },
        }),
        // Gemma2Config defaults: tied head, gelu_pytorch_tanh, window on even layers.
        ["gemma2_softcaps_window_head_dim_16"] = () => With(Gemma2Base(), new()
        {
            ["num_hidden_layers"] = 3,
            ["head_dim"] = 16,
            ["query_pre_attn_scalar"] = 24,
            ["attn_logit_softcapping"] = 2.0,
            ["final_logit_softcapping"] = 1.5,
            ["sliding_window"] = 4,
        }),
        ["gemma2_layer_types_no_caps_bias_untied"] = () => With(Gemma2Base(), new()
        {
            ["head_dim"] = 8,
            ["num_key_value_heads"] = 1,
            ["query_pre_attn_scalar"] = 8,
            ["attn_logit_softcapping"] = null,
            ["final_logit_softcapping"] = null,
            ["attention_bias"] = true,
            ["tie_word_embeddings"] = false,
            ["sliding_window"] = 3,
            ["layer_types"] = new JsonArray("full_attention", "sliding_attention"),
        }),
        // Served lengths (MaxModelLength) of 32 and none keep the short factors; 128 switches to the long ones.
        ["phi3_longrope_short_factors_window_5"] = () => With(Phi3Base(originalMax: 32), new() { ["sliding_window"] = 5 }),
        ["phi3_longrope_long_factors"] = () => Phi3Base(originalMax: 8),
        ["phi3_su_partial_rotary_mha_tied"] = () => With(Phi3Base(originalMax: 8, rotaryPairs: 2, type: "su"), new()
        {
            ["partial_rotary_factor"] = 0.5, ["num_key_value_heads"] = 4, ["tie_word_embeddings"] = true,
        }),
        ["phi3_default_rope"] = () => With(Base("Phi3ForCausalLM", "phi3"), new() { ["rope_scaling"] = null }),
    };

    /// <summary>The max model length a variant is loaded for (LongRoPE picks its factors by it); absent: none given.</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxModelLength = new Dictionary<string, int>
    {
        ["phi3_longrope_long_factors"] = 128,
        ["phi3_su_partial_rotary_mha_tied"] = 128,
    };

    private static JsonObject Gemma2Base()
    {
        var config = Base("Gemma2ForCausalLM", "gemma2");
        config.Remove("hidden_act");
        config.Remove("tie_word_embeddings");
        return config;
    }

    // Factors far from 1 so short and long rotations differ visibly.
    private static JsonObject Phi3Base(int originalMax, int rotaryPairs = 4, string type = "longrope") =>
        With(Base("Phi3ForCausalLM", "phi3"), new()
        {
            ["original_max_position_embeddings"] = originalMax,
            ["rope_scaling"] = new JsonObject
            {
                ["type"] = type,
                ["short_factor"] = new JsonArray(Enumerable.Range(0, rotaryPairs).Select(i => (JsonNode)(1.0 + 0.5 * i)).ToArray()),
                ["long_factor"] = new JsonArray(Enumerable.Range(0, rotaryPairs).Select(i => (JsonNode)(2.0 + 3.0 * i)).ToArray()),
            },
        });

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
