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

    public LlamaModel(WeightLoader weights, string prefix, ModelConfig config, LlamaAttentionFactory attention)
    {
        EmbedTokens = weights.Load($"{prefix}.embed_tokens.weight", config.VocabSize, config.HiddenSize);
        _layers = new LlamaDecoderLayer[config.NumHiddenLayers];
        for (var i = 0; i < _layers.Length; i++)
        {
            var layerPrefix = $"{prefix}.layers.{i}";
            _layers[i] = new LlamaDecoderLayer(weights, layerPrefix, config, attention(weights, $"{layerPrefix}.self_attn", config, i));
        }
        _norm = new RmsNorm(weights, $"{prefix}.norm", config.HiddenSize, config.RmsNormEps);
        _rotaryEmb = new RotaryEmbedding(config, weights.Device);
    }

    public Tensor EmbedTokens { get; }

    /// <param name="inputsEmbeds">[tokens, hidden] to use instead of the tokens' embeddings (multimodal inputs).</param>
    public Tensor Forward(ForwardBatch batch, Tensor? inputsEmbeds = null)
    {
        using var scope = NewDisposeScope();
        var hidden = inputsEmbeds ?? EmbedTokens.index_select(0, batch.InputIds);
        var (cos, sin) = _rotaryEmb.Compute(batch.Positions, hidden.dtype);
        foreach (var layer in _layers)
        {
            var next = layer.Forward(hidden, cos, sin, _rotaryEmb, batch);
            hidden.Dispose(); // release each layer's activations as soon as the next exist
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
