using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Clip;

/// <summary>CLIPAttention: full (unmasked) multi-head attention over one image's tokens, with biased projections.</summary>
internal sealed class ClipAttention : IDisposable
{
    private readonly Linear _qkvProj;
    private readonly Linear _outProj;
    private readonly int _heads;
    private readonly int _headDim;

    public ClipAttention(WeightLoader weights, string prefix, ClipVisionConfig config)
    {
        _heads = config.NumAttentionHeads;
        _headDim = config.HiddenSize / _heads;
        long hidden = config.HiddenSize;
        _qkvProj = Linear.LoadFused(weights, [$"{prefix}.q_proj", $"{prefix}.k_proj", $"{prefix}.v_proj"], hidden, [hidden, hidden, hidden], bias: true);
        _outProj = Linear.Load(weights, $"{prefix}.out_proj", hidden, hidden, bias: true);
    }

    /// <param name="hidden">[images, tokens, hidden].</param>
    public Tensor Forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var (images, tokens) = (hidden.shape[0], hidden.shape[1]);
        var qkv = _qkvProj.Forward(hidden).view(images, tokens, 3, _heads, _headDim).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2]);
        var merged = attended.transpose(1, 2).reshape(images, tokens, _heads * _headDim);
        return _outProj.Forward(merged).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _qkvProj.Dispose();
        _outProj.Dispose();
    }
}
