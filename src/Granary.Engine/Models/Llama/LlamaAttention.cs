using Granary.Engine.Attention;
using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Llama;

/// <summary>
/// Grouped-query self-attention with rotary positions; q/k/v fused into one projection (or loaded
/// packed). Subclasses adjust queries and keys before rotary (Qwen3's per-head RMSNorm) or how
/// scores are formed (Gemma 2's scale and soft cap, through <see cref="AttentionParameters"/>).
/// </summary>
internal class LlamaAttention : IDisposable
{
    private readonly Linear _qkvProj;
    private readonly Linear _oProj;
    private readonly int _layerIndex;
    private readonly AttentionParameters _parameters;

    /// <param name="parameters">Score scale, soft cap and window; by default 1/√head_dim and the config's window for this layer.</param>
    public LlamaAttention(WeightLoader weights, string prefix, ModelConfig config, int layerIndex, WeightNames names,
        bool qkvBias, bool outputBias, AttentionParameters? parameters = null)
    {
        Heads = config.NumAttentionHeads;
        KvHeads = config.NumKeyValueHeads;
        HeadDim = config.HeadDim;
        if (Heads % KvHeads != 0)
            throw new ModelLoadException($"num_attention_heads ({Heads}) must be a multiple of num_key_value_heads ({KvHeads})");
        _layerIndex = layerIndex;
        _parameters = parameters ?? new AttentionParameters(1.0 / Math.Sqrt(HeadDim), SlidingWindow: config.LayerSlidingWindows[layerIndex]);
        long q = Heads * HeadDim, kv = KvHeads * HeadDim;
        _qkvProj = Linear.LoadFused(weights, names.QkvProj.Select(n => $"{prefix}.{n}").ToArray(), config.HiddenSize, [q, kv, kv], qkvBias);
        _oProj = Linear.Load(weights, $"{prefix}.o_proj", q, config.HiddenSize, outputBias);
    }

    protected int Heads { get; }

    protected int KvHeads { get; }

    protected int HeadDim { get; }

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, RotaryEmbedding rotary, ForwardBatch batch)
    {
        using var scope = NewDisposeScope();
        var tokens = hidden.shape[0];
        var (q, k, v) = ProjectQkv(_qkvProj.Forward(hidden), tokens, cos, sin, rotary);
        var attended = PagedAttention.Forward(q, k, v, batch.Cache.Keys[_layerIndex], batch.Cache.Values[_layerIndex],
            batch.Attention, _parameters);
        return _oProj.Forward(attended).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Queries, keys and values from the fused projection, with rotary positions applied to queries
    /// and keys together (they sit side by side in the projection's output: one set of kernels).
    /// </summary>
    protected virtual (Tensor Q, Tensor K, Tensor V) ProjectQkv(Tensor qkv, long tokens, Tensor cos, Tensor sin, RotaryEmbedding rotary)
    {
        var qk = rotary.Apply(qkv[.., ..((Heads + KvHeads) * HeadDim)].view(tokens, Heads + KvHeads, HeadDim), cos, sin);
        var q = qk[.., ..Heads];
        var k = qk[.., Heads..];
        var v = qkv[.., ((Heads + KvHeads) * HeadDim)..].view(tokens, KvHeads, HeadDim);
        return (q, k, v);
    }

    public virtual void Dispose()
    {
        _qkvProj.Dispose();
        _oProj.Dispose();
    }
}
