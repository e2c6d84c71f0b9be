using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Clip;

/// <summary>
/// CLIPVisionModel's transformer: embeddings → pre_layrnorm → encoder layers. Returns one entry of
/// hidden_states (0 = after pre_layrnorm, i = after layer i), so only the layers up to it run; like
/// vLLM, the layers past it and post_layernorm (the pooled head) are not loaded.
/// </summary>
internal sealed class ClipVisionModel : IDisposable
{
    private readonly ClipVisionEmbeddings _embeddings;
    private readonly LayerNorm _preLayrnorm;
    private readonly ClipEncoderLayer[] _layers;

    /// <param name="featureLayer">vision_feature_layer: an index into hidden_states, negative from the end.</param>
    public ClipVisionModel(WeightLoader weights, string prefix, ClipVisionConfig config, int featureLayer)
    {
        var states = config.NumHiddenLayers + 1;
        var index = featureLayer < 0 ? states + featureLayer : featureLayer;
        if (index < 0 || index >= states)
            throw new ModelLoadException($"vision_feature_layer {featureLayer} is out of range for {config.NumHiddenLayers} vision layers");
        Config = config;
        _embeddings = new ClipVisionEmbeddings(weights, $"{prefix}.embeddings", config);
        _preLayrnorm = new LayerNorm(weights, $"{prefix}.pre_layrnorm", config.HiddenSize, config.LayerNormEps);
        _layers = Enumerable.Range(0, index).Select(i => new ClipEncoderLayer(weights, $"{prefix}.encoder.layers.{i}", config)).ToArray();
    }

    public ClipVisionConfig Config { get; }

    /// <param name="pixelValues">[images, 3, size, size].</param>
    /// <returns>The selected hidden state, [images, patches + 1, hidden].</returns>
    public Tensor Forward(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var hidden = _preLayrnorm.Forward(_embeddings.Forward(pixelValues));
        foreach (var layer in _layers) hidden = layer.Forward(hidden);
        return hidden.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _embeddings.Dispose();
        _preLayrnorm.Dispose();
        foreach (var layer in _layers) layer.Dispose();
    }
}
