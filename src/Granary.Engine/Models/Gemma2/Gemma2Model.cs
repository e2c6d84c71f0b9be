using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Gemma2;

/// <summary>embed_tokens · √hidden_size → decoder layers → norm (1 + w).</summary>
internal sealed class Gemma2Model : IDisposable
{
    private readonly Gemma2DecoderLayer[] _layers;
    private readonly RmsNorm _norm;
    private readonly RotaryEmbedding _rotaryEmb;
    private readonly Tensor _normalizer;

    public Gemma2Model(WeightLoader weights, Gemma2Config config, string prefix = "model")
    {
        EmbedTokens = weights.Load($"{prefix}.embed_tokens.weight", config.VocabSize, config.HiddenSize);
        _layers = new Gemma2DecoderLayer[config.NumHiddenLayers];
        for (var i = 0; i < _layers.Length; i++) _layers[i] = new Gemma2DecoderLayer(weights, $"{prefix}.layers.{i}", config, i);
        _norm = Gemma2DecoderLayer.Norm(weights, $"{prefix}.norm", config);
        _rotaryEmb = new RotaryEmbedding(config, weights.Device);
        // HF builds √hidden as a tensor of the model's dtype: in bfloat16 √3072 is 55.5, not 55.4256.
        _normalizer = tensor(Math.Sqrt(config.HiddenSize), weights.Dtype, weights.Device);
    }

    public Tensor EmbedTokens { get; }

    public Tensor Forward(ForwardBatch batch)
    {
        using var scope = NewDisposeScope();
        var hidden = (batch.InputEmbeddings ?? EmbedTokens.index_select(0, batch.InputIds)) * _normalizer;
        var (cos, sin) = _rotaryEmb.Compute(batch.Positions, hidden.dtype);
        foreach (var layer in _layers)
        {
            var next = layer.Forward(hidden, cos, sin, _rotaryEmb, batch);
            hidden.Dispose();
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
        _normalizer.Dispose();
    }
}
