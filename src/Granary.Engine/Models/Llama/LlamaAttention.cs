using Granary.Engine.Attention;
using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>
/// Grouped-query self-attention with rotary positions; q/k/v fused into one projection.
/// Subclasses adjust queries and keys before rotary (Qwen3's per-head RMSNorm).
/// </summary>
internal class LlamaAttention : IDisposable
{
    private readonly Linear _qkvProj;
    private readonly Linear _oProj;
    private readonly int _layerIndex;
    private readonly int? _slidingWindow;

    public LlamaAttention(WeightLoader weights, string prefix, ModelConfig config, int layerIndex, bool qkvBias, bool outputBias)
    {
        Heads = config.NumAttentionHeads;
        KvHeads = config.NumKeyValueHeads;
        HeadDim = config.HeadDim;
        if (Heads % KvHeads != 0)
            throw new ModelLoadException($"num_attention_heads ({Heads}) must be a multiple of num_key_value_heads ({KvHeads})");
        _layerIndex = layerIndex;
        _slidingWindow = config.LayerSlidingWindows[layerIndex];
        long q = Heads * HeadDim, kv = KvHeads * HeadDim;
        _qkvProj = Linear.LoadFused(weights, [$"{prefix}.q_proj", $"{prefix}.k_proj", $"{prefix}.v_proj"], config.HiddenSize, [q, kv, kv], qkvBias);
        _oProj = Linear.Load(weights, $"{prefix}.o_proj", q, config.HiddenSize, outputBias);
    }

    protected int Heads { get; }

    protected int KvHeads { get; }

    protected int HeadDim { get; }

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, RotaryEmbedding rotary, ForwardBatch batch)
    {
        using var scope = NewDisposeScope();
        var tokens = hidden.shape[0];
        var qkv = _qkvProj.ForwardSplit(hidden);
        var q = qkv[0].view(tokens, Heads, HeadDim);
        var k = qkv[1].view(tokens, KvHeads, HeadDim);
        var v = qkv[2].view(tokens, KvHeads, HeadDim);
        (q, k) = BeforeRotary(q, k);
        q = rotary.Apply(q, cos, sin);
        k = rotary.Apply(k, cos, sin);
        var attended = PagedAttention.Forward(q, k, v, batch.Cache.Keys[_layerIndex], batch.Cache.Values[_layerIndex],
            batch.Attention, _slidingWindow);
        return _oProj.Forward(attended).MoveToOuterDisposeScope();
    }

    protected virtual (Tensor Q, Tensor K) BeforeRotary(Tensor q, Tensor k) => (q, k);

    public virtual void Dispose()
    {
        _qkvProj.Dispose();
        _oProj.Dispose();
    }
}
