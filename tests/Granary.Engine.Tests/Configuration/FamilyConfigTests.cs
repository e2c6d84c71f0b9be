using System.Text.Json.Nodes;
using Granary.Engine.Configuration;
using Granary.Engine.Models;
using Granary.Engine.Models.Gemma2;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Configuration;

/// <summary>Gemma 2's and Phi-3's configs read with their HF config classes' defaults.</summary>
public sealed class FamilyConfigTests
{
    private static ModelConfig Read(JsonObject config) => ModelRegistry.ReadConfig(new JsonConfig(config, "config.json"));

    [Fact]
    public void Gemma2_fills_in_Gemma2Configs_defaults()
    {
        var json = TinyConfigs.Base("Gemma2ForCausalLM", "gemma2");
        foreach (var key in new[] { "hidden_act", "tie_word_embeddings" }) json.Remove(key);
        json["num_hidden_layers"] = 3;

        var config = Assert.IsType<Gemma2Config>(Read(json));

        Assert.True(config.TieWordEmbeddings);
        Assert.Equal(256, config.HeadDim);
        Assert.Equal(Activations.GeluTanh, config.HiddenAct);
        Assert.Equal((256.0, 50.0, 30.0), (config.QueryPreAttnScalar, config.AttnLogitSoftcapping!.Value, config.FinalLogitSoftcapping!.Value));
        Assert.Equal([4096, null, 4096], config.LayerSlidingWindows);
    }

    [Fact]
    public void Gemma2_reads_hidden_activation_and_null_soft_caps()
    {
        var json = TinyConfigs.Base("Gemma2ForCausalLM", "gemma2");
        json["hidden_act"] = "silu"; // not read by Gemma2MLP
        json["attn_logit_softcapping"] = null;
        json["final_logit_softcapping"] = null;
        json["layer_types"] = new JsonArray("full_attention", "sliding_attention");
        json["sliding_window"] = 7;

        var config = (Gemma2Config)Read(json);

        Assert.Equal(Activations.GeluTanh, config.HiddenAct);
        Assert.Null(config.AttnLogitSoftcapping);
        Assert.Null(config.FinalLogitSoftcapping);
        Assert.Equal([null, 7], config.LayerSlidingWindows);
    }

    [Fact]
    public void Phi3_longrope_takes_its_factor_from_the_two_lengths_and_su_is_longrope()
    {
        var json = TinyConfigs.All["phi3_su_partial_rotary_mha_tied"]();

        var config = Read(json);

        Assert.Equal("longrope", config.Rope.Type);
        Assert.Equal(8, config.Rope.OriginalMaxPositionEmbeddings);
        Assert.Equal(128.0 / 8, config.Rope.Factor);
        Assert.Equal(0.5, config.Rope.PartialRotaryFactor);
        Assert.Equal([1.0, 1.5], config.Rope.ShortFactor);
        Assert.Equal([null, null], config.LayerSlidingWindows);
    }

    [Fact]
    public void Phi3_longrope_factor_lists_must_cover_the_rotary_dimensions()
    {
        var json = TinyConfigs.All["phi3_longrope_long_factors"]();
        json["rope_scaling"]!["short_factor"] = new JsonArray(1.0, 1.0);
        using var dir = new TempDirectory();

        var error = Assert.Throws<ModelLoadException>(() => Granary.Engine.Loading.RandomModelWriter.Write(json, dir.Path, TorchSharp.torch.ScalarType.Float32));

        Assert.Contains("short_factor", error.Message);
    }

    [Fact]
    public void Activations_outside_the_implemented_ones_are_refused()
    {
        var json = TinyConfigs.Base("Phi3ForCausalLM", "phi3");
        json["hidden_act"] = "gelu_new";
        Assert.Contains("gelu_new", Assert.Throws<ModelLoadException>(() => Read(json)).Message);
    }
}
