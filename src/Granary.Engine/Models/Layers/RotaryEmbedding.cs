using Granary.Engine.Configuration;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// LlamaRotaryEmbedding: cos/sin for a batch's positions (computed once per forward, shared by all
/// layers) and the rotate-half application to queries and keys.
/// </summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _invFreq;
    private readonly double _attentionScaling;

    public RotaryEmbedding(ModelConfig config, Device device)
    {
        RotaryDim = (int)(config.HeadDim * config.Rope.PartialRotaryFactor);
        var (invFreq, scaling) = RopeFrequencies.Compute(config.Rope, RotaryDim, config.MaxPositionEmbeddings, config.MaxModelLength);
        using (invFreq) _invFreq = invFreq.to(device);
        _attentionScaling = scaling;
    }

    public int RotaryDim { get; }

    /// <summary>cos and sin of shape [tokens, 1, rotaryDim] in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Compute(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var freqs = positions.to(ScalarType.Float32).unsqueeze(1) * _invFreq.unsqueeze(0);
        var emb = cat([freqs, freqs], -1);
        var cos = emb.cos();
        var sin = emb.sin();
        if (_attentionScaling != 1.0)
        {
            cos = cos * _attentionScaling;
            sin = sin * _attentionScaling;
        }
        return (cos.to(dtype).unsqueeze(1).MoveToOuterDisposeScope(), sin.to(dtype).unsqueeze(1).MoveToOuterDisposeScope());
    }

    /// <summary>x·cos + rotate_half(x)·sin over the first <see cref="RotaryDim"/> features of each head.</summary>
    public Tensor Apply(Tensor x, Tensor cos, Tensor sin) => Ops.Rotary(x, cos, sin, RotaryDim);

    public void Dispose() => _invFreq.Dispose();
}
