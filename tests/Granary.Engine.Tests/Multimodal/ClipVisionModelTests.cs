using Granary.Engine.Configuration;
using Granary.Engine.Loading;
using Granary.Engine.Models.Clip;
using Granary.Engine.Models.Layers;
using Granary.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Multimodal;

/// <summary>The vision tower and projector against a line-by-line transcription of transformers' CLIPVisionTransformer and LlavaMultiModalProjector.</summary>
public sealed class ClipVisionModelTests
{
    private static string Dir => Fixtures.Model(TinyLlava.Name);

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(-2, 1)]
    [InlineData(0, 0)]
    public void Selected_hidden_state_matches_the_transcription(int featureLayer, int layersRun)
    {
        using var checkpoint = Checkpoint.Open(Dir);
        var config = ClipVisionConfig.Read(JsonConfig.Load(Path.Combine(Dir, "config.json")).GetObject("vision_config")!);
        using var model = new ClipVisionModel(new WeightLoader(checkpoint, ScalarType.Float32, CPU), "vision_tower", config, featureLayer);
        using var weights = SafetensorsFile.Open(Path.Combine(Dir, "model.safetensors"));
        using var scope = NewDisposeScope();
        var pixels = randn(2, 3, 32, 32, generator: new TorchSharp.torch.Generator(7));

        var actual = model.Forward(pixels);
        var expected = Transcription(w => weights.Read(weights.Tensors[$"vision_tower.{w}"]), pixels, layersRun);

        Assert.Equal([2L, 17, 32], actual.shape);
        Assert.True(allclose(actual, expected, rtol: 1e-5, atol: 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void Image_features_are_the_projected_patches_of_the_second_last_layer()
    {
        var llava = TinyLlava.Model.Model; // loaded outside the scope: it is shared by the other tests
        using var weights = SafetensorsFile.Open(Path.Combine(Dir, "model.safetensors"));
        using var scope = NewDisposeScope();
        var pixels = randn(3, 3, 32, 32, generator: new TorchSharp.torch.Generator(11));
        Tensor W(string name) => weights.Read(weights.Tensors[name]);

        var actual = llava.EncodeImages(pixels);
        var patches = Transcription(w => W($"vision_tower.{w}"), pixels, layers: 1)[.., 1..];
        var expected = nn.functional.linear(
            nn.functional.gelu(nn.functional.linear(patches, W("multi_modal_projector.linear_1.weight"), W("multi_modal_projector.linear_1.bias"))),
            W("multi_modal_projector.linear_2.weight"), W("multi_modal_projector.linear_2.bias"));

        Assert.Equal([3L, 16, 64], actual.shape);
        Assert.True(allclose(actual, expected, rtol: 1e-5, atol: 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
        // Each image on its own gives the same features as in the batch.
        Assert.True(allclose(llava.EncodeImages(pixels[1..2])[0], actual[1], rtol: 1e-5, atol: 1e-5));
    }

    /// <summary>CLIPVisionEmbeddings → pre_layrnorm → <paramref name="layers"/> CLIPEncoderLayers (eager attention, quick_gelu).</summary>
    private static Tensor Transcription(Func<string, Tensor> w, Tensor pixels, int layers)
    {
        const int Heads = 4, HeadDim = 8;
        var batch = pixels.shape[0];
        var patches = nn.functional.conv2d(pixels, w("embeddings.patch_embedding.weight"), strides: [8, 8]).flatten(2).transpose(1, 2);
        var h = cat([w("embeddings.class_embedding").expand(batch, 1, -1), patches], 1) + w("embeddings.position_embedding.weight");
        Tensor Norm(Tensor x, string name) => nn.functional.layer_norm(x, [32], w($"{name}.weight"), w($"{name}.bias"), 1e-5);
        Tensor Proj(Tensor x, string name) => matmul(x, w($"{name}.weight").t()) + w($"{name}.bias");
        h = Norm(h, "pre_layrnorm");
        for (var i = 0; i < layers; i++)
        {
            var p = $"encoder.layers.{i}";
            var x = Norm(h, $"{p}.layer_norm1");
            Tensor Heads_(Tensor t) => t.view(batch, 17, Heads, HeadDim).transpose(1, 2);
            var q = Heads_(Proj(x, $"{p}.self_attn.q_proj"));
            var k = Heads_(Proj(x, $"{p}.self_attn.k_proj"));
            var v = Heads_(Proj(x, $"{p}.self_attn.v_proj"));
            var attention = softmax(matmul(q, k.transpose(2, 3)) * Math.Pow(HeadDim, -0.5), -1);
            var merged = matmul(attention, v).transpose(1, 2).reshape(batch, 17, 32);
            h = h + Proj(merged, $"{p}.self_attn.out_proj");
            x = Proj(Norm(h, $"{p}.layer_norm2"), $"{p}.mlp.fc1");
            h = h + Proj(x * sigmoid(x * 1.702), $"{p}.mlp.fc2");
        }
        return h;
    }
}
