using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Clip;

/// <summary>CLIPEncoderLayer: pre-norm attention and MLP blocks, each with a residual.</summary>
internal sealed class ClipEncoderLayer(WeightLoader weights, string prefix, ClipVisionConfig config) : IDisposable
{
    private readonly LayerNorm _layerNorm1 = new(weights, $"{prefix}.layer_norm1", config.HiddenSize, config.LayerNormEps);
    private readonly ClipAttention _selfAttn = new(weights, $"{prefix}.self_attn", config);
    private readonly LayerNorm _layerNorm2 = new(weights, $"{prefix}.layer_norm2", config.HiddenSize, config.LayerNormEps);
    private readonly ClipMLP _mlp = new(weights, $"{prefix}.mlp", config);

    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        hidden = hidden + _selfAttn.Forward(_layerNorm1.Forward(hidden));
        return (hidden + _mlp.Forward(_layerNorm2.Forward(hidden))).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _layerNorm1.Dispose();
        _selfAttn.Dispose();
        _layerNorm2.Dispose();
        _mlp.Dispose();
    }
}
