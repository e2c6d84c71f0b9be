using System.Text.Json.Nodes;
using Granary.Engine.Configuration;
using Granary.Engine.Models;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Configuration;

public sealed class ModelConfigTests
{
    private static ModelConfig Read(JsonObject config) => ModelRegistry.ReadConfig(new JsonConfig(config, "config.json"));

    [Fact]
    public void Fixture_configs_read_as_transformers_defines_them()
    {
        var qwen = ModelRegistry.ReadConfig(JsonConfig.Load(Path.Combine(Fixtures.Model("tiny-qwen3"), "config.json")));
        Assert.Equal("Qwen3ForCausalLM", qwen.Architecture);
        Assert.Equal((64, 4, 2, 16, 2), (qwen.HiddenSize, qwen.NumAttentionHeads, qwen.NumKeyValueHeads, qwen.HeadDim, qwen.NumHiddenLayers));
        Assert.True(qwen.TieWordEmbeddings);
        Assert.Equal(("default", 1000000.0), (qwen.Rope.Type, qwen.Rope.Theta));
        Assert.Equal([null, null], qwen.LayerSlidingWindows);
        Assert.Equal([2], qwen.EosTokenIds);
        Assert.Null(qwen.BosTokenId);
    }

    [Fact]
    public void Transformers4_rope_theta_and_rope_scaling_are_read()
    {
        var config = TinyConfigs.Base("LlamaForCausalLM", "llama");
        config["rope_theta"] = 500000.0;
        config["rope_scaling"] = new JsonObject
        {
            ["rope_type"] = "llama3", ["factor"] = 32.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 4.0,
            ["original_max_position_embeddings"] = 8192,
        };
        var rope = Read(config).Rope;
        Assert.Equal(("llama3", 500000.0, 32.0, 8192), (rope.Type, rope.Theta, rope.Factor, rope.OriginalMaxPositionEmbeddings!.Value));
    }

    [Fact]
    public void Transformers5_rope_parameters_win_over_top_level_theta()
    {
        var config = TinyConfigs.Base("Qwen3ForCausalLM", "qwen3");
        config["rope_parameters"] = new JsonObject { ["rope_type"] = "linear", ["rope_theta"] = 1234.0, ["factor"] = 2.0 };
        var rope = Read(config).Rope;
        Assert.Equal(("linear", 1234.0, 2.0), (rope.Type, rope.Theta, rope.Factor));
    }

    [Fact]
    public void Unknown_rope_type_lists_supported_types()
    {
        var config = TinyConfigs.Base("LlamaForCausalLM", "llama");
        config["rope_scaling"] = new JsonObject { ["type"] = "dynamic", ["factor"] = 2.0 };
        var error = Assert.Throws<ModelLoadException>(() => Read(config));
        Assert.Contains("dynamic", error.Message);
        Assert.Contains("llama3", error.Message);
    }

    [Fact]
    public void Sliding_windows_follow_each_architectures_rules()
    {
        var mistral = TinyConfigs.Base("MistralForCausalLM", "mistral");
        Assert.Equal([4096, 4096], Read(mistral).LayerSlidingWindows); // MistralConfig's default
        mistral["sliding_window"] = null;
        Assert.Equal([null, null], Read(mistral).LayerSlidingWindows);

        var qwen2 = TinyConfigs.Base("Qwen2ForCausalLM", "qwen2");
        qwen2["sliding_window"] = 8;
        qwen2["max_window_layers"] = 1;
        Assert.Equal([null, null], Read(qwen2).LayerSlidingWindows); // use_sliding_window defaults to false
        qwen2["use_sliding_window"] = true;
        Assert.Equal([null, 8], Read(qwen2).LayerSlidingWindows);
        qwen2["layer_types"] = new JsonArray("sliding_attention", "full_attention");
        Assert.Equal([8, null], Read(qwen2).LayerSlidingWindows);
    }

    [Fact]
    public void Eos_may_be_a_list_and_head_dim_defaults_to_hidden_over_heads()
    {
        var config = TinyConfigs.Base("LlamaForCausalLM", "llama");
        config["eos_token_id"] = new JsonArray(128001, 128008, 128009);
        var read = Read(config);
        Assert.Equal([128001, 128008, 128009], read.EosTokenIds);
        Assert.Equal(8, read.HeadDim);
    }

    [Fact]
    public void Unsupported_activation_and_missing_fields_name_the_field()
    {
        var config = TinyConfigs.Base("LlamaForCausalLM", "llama");
        config["hidden_act"] = "gelu";
        Assert.Contains("hidden_act", Assert.Throws<ModelLoadException>(() => Read(config)).Message);

        config = TinyConfigs.Base("LlamaForCausalLM", "llama");
        config.Remove("vocab_size");
        Assert.Contains("vocab_size", Assert.Throws<ModelLoadException>(() => Read(config)).Message);
    }

    [Fact]
    public void Generation_config_reads_eos_lists_and_sampling_defaults()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("generation_config.json"),
            """{"bos_token_id": 1, "eos_token_id": [2, 7], "temperature": 0.6, "top_p": 0.9, "top_k": 20}""");
        var generation = GenerationConfig.Load(dir.Path);
        Assert.Equal([2, 7], generation.EosTokenIds);
        Assert.Equal((1, 0.6, 0.9, 20), (generation.BosTokenId!.Value, generation.Temperature!.Value, generation.TopP!.Value, generation.TopK!.Value));
        Assert.Same(GenerationConfig.Empty, GenerationConfig.Load(Path.Combine(dir.Path, "missing")));
    }
}
