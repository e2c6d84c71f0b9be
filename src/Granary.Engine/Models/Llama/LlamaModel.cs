using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>embed_tokens → decoder layers → norm. The attention factory lets variants swap attention in.</summary>
internal sealed class LlamaModel : IDisposable
{
    private readonly LlamaDecoderLayer[] _layers;
    private readonly RmsNorm _norm;
    private readonly RotaryEmbedding _rotaryEmb;

    public LlamaModel(WeightLoader weights, ModelConfig config, WeightNames names, LlamaAttentionFactory attention)
    {
        var prefix = names.Model;
        EmbedTokens = weights.Load($"{prefix}.embed_tokens.weight", config.VocabSize, config.HiddenSize);
        _layers = new LlamaDecoderLayer[config.NumHiddenLayers];
        for (var i = 0; i < _layers.Length; i++)
        {
            var layerPrefix = $"{prefix}.layers.{i}";
            _layers[i] = new LlamaDecoderLayer(weights, layerPrefix, config, names, attention(weights, $"{layerPrefix}.self_attn", config, i, names));
        }
        _norm = new RmsNorm(weights, $"{prefix}.norm", config.HiddenSize, config.RmsNormEps);
        _rotaryEmb = new RotaryEmbedding(config, weights.Device);
    }

    public Tensor EmbedTokens { get; }

    public Tensor Forward(ForwardBatch batch)
    {
        using var scope = NewDisposeScope();
        var hidden = batch.InputEmbeddings ?? EmbedTokens.index_select(0, batch.InputIds);
        var (cos, sin) = _rotaryEmb.Compute(batch.Positions, hidden.dtype);
        foreach (var layer in _layers)
        {
            var next = layer.Forward(hidden, cos, sin, _rotaryEmb, batch);
            if (!ReferenceEquals(hidden, batch.InputEmbeddings)) hidden.Dispose(); // release each layer's activations as soon as the next exist
            hidden = next;
        }
        return _norm.Forward(hidden).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        EmbedTokens.Dispose();
        foreach (var layer in _layers) layer.Dispose();
        _norm.Dispose();
        _rotaryEmb.Dispose();
    }
}
