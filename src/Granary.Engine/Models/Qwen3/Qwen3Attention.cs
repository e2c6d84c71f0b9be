using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using Granary.Engine.Models.Llama;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Qwen3;

/// <summary>Qwen3's attention: RMSNorm over each query and key head (q_norm, k_norm) before rotary.</summary>
internal sealed class Qwen3Attention : LlamaAttention
{
    private readonly RmsNorm _qNorm;
    private readonly RmsNorm _kNorm;

    public Qwen3Attention(WeightLoader weights, string prefix, ModelConfig config, int layerIndex, WeightNames names)
        : base(weights, prefix, config, layerIndex, names, config.AttentionBias, config.AttentionBias)
    {
        _qNorm = new RmsNorm(weights, $"{prefix}.q_norm", config.HeadDim, config.RmsNormEps);
        _kNorm = new RmsNorm(weights, $"{prefix}.k_norm", config.HeadDim, config.RmsNormEps);
    }

    protected override (Tensor Q, Tensor K, Tensor V) ProjectQkv(Tensor qkv, long tokens, Tensor cos, Tensor sin, RotaryEmbedding rotary)
    {
        var parts = qkv.split([Heads * HeadDim, KvHeads * HeadDim, KvHeads * HeadDim], dim: -1);
        var q = rotary.Apply(_qNorm.Forward(parts[0].view(tokens, Heads, HeadDim)), cos, sin);
        var k = rotary.Apply(_kNorm.Forward(parts[1].view(tokens, KvHeads, HeadDim)), cos, sin);
        return (q, k, parts[2].view(tokens, KvHeads, HeadDim));
    }

    public override void Dispose()
    {
        base.Dispose();
        _qNorm.Dispose();
        _kNorm.Dispose();
    }
}
