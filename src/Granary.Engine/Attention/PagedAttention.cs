using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Granary.Engine.Attention;

/// <summary>
/// Attention over the paged KV cache. New keys/values are written to their slots first; decode
/// tokens then attend in one batched SDPA call over keys gathered from their block tables (query
/// heads grouped per KV head, so GQA needs no key copies), and each prefill chunk attends causally
/// over its own keys, or over the gathered cache when it continues an earlier prefix. Layers whose
/// scores SDPA cannot form (a custom scale, soft-capping) take the eager path HF's eager attention
/// describes; the CPU decode kernel handles every variant itself.
/// </summary>
internal static class PagedAttention
{
    /// <param name="query">[tokens, heads, headDim]</param>
    /// <param name="key">[tokens, kvHeads, headDim]</param>
    /// <param name="value">[tokens, kvHeads, headDim]</param>
    /// <returns>[tokens, heads × headDim]</returns>
    public static Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor keyCache, Tensor valueCache,
        AttentionMetadata metadata, AttentionParameters parameters)
    {
        using var scope = NewDisposeScope();
        keyCache.index_copy_(0, metadata.SlotMapping, key);
        valueCache.index_copy_(0, metadata.SlotMapping, value);

        var outputs = new List<Tensor>();
        if (metadata.DecodeCount > 0)
        {
            var decodes = query[..metadata.DecodeCount];
            outputs.Add(CpuDecodeAttention.Applies(decodes, keyCache)
                ? CpuDecodeAttention.Forward(decodes, keyCache, valueCache, metadata, parameters)
                : Decode(decodes, keyCache, valueCache, metadata, parameters));
        }
        for (var i = metadata.DecodeCount; i < metadata.Slices.Count; i++)
            outputs.Add(Prefill(i, query, key, value, keyCache, valueCache, metadata, parameters));

        var output = outputs.Count == 1 ? outputs[0] : cat(outputs, 0);
        return output.MoveToOuterDisposeScope();
    }

    private static Tensor Decode(Tensor query, Tensor keyCache, Tensor valueCache, AttentionMetadata metadata, AttentionParameters parameters)
    {
        var batch = metadata.DecodeCount;
        var keys = metadata.DecodeKeyLength;
        var (heads, headDim) = (query.shape[1], query.shape[2]);
        var kvHeads = keyCache.shape[1];

        // [B, kvHeads, group, D]: the query heads sharing one KV head attend together.
        var q = query.view(batch, kvHeads, heads / kvHeads, headDim);
        var k = keyCache.index_select(0, metadata.DecodeGather).view(batch, keys, kvHeads, headDim).transpose(1, 2);
        var v = valueCache.index_select(0, metadata.DecodeGather).view(batch, keys, kvHeads, headDim).transpose(1, 2);
        var mask = metadata.DecodeMask(parameters.SlidingWindow);
        var o = parameters.IsStandard(headDim) ? scaled_dot_product_attention(q, k, v, mask) : Eager(q, k, v, mask, parameters);
        return o.reshape(batch, heads * headDim);
    }

    private static Tensor Prefill(int sliceIndex, Tensor query, Tensor key, Tensor value, Tensor keyCache, Tensor valueCache,
        AttentionMetadata metadata, AttentionParameters parameters)
    {
        var window = parameters.SlidingWindow;
        var slice = metadata.Slices[sliceIndex];
        var rows = slice.QueryStart..(slice.QueryStart + slice.QueryLength);
        var (heads, headDim) = (query.shape[1], query.shape[2]);
        var kvHeads = key.shape[1];

        Tensor k, v;
        if (slice.FirstPosition == 0)
        {
            k = key[rows];
            v = value[rows];
        }
        else
        {
            var gather = metadata.PrefillGather(sliceIndex);
            k = keyCache.index_select(0, gather);
            v = valueCache.index_select(0, gather);
        }

        var q = query[rows].transpose(0, 1).unsqueeze(0);
        k = RepeatKv(k, heads / kvHeads);
        v = RepeatKv(v, heads / kvHeads);
        var fresh = slice.FirstPosition == 0 && (window is null || window >= slice.ContextLength);
        var o = !parameters.IsStandard(headDim) ? Eager(q, k, v, metadata.PrefillMask(sliceIndex, window), parameters)
            : fresh ? scaled_dot_product_attention(q, k, v, is_casual: true)
            : scaled_dot_product_attention(q, k, v, metadata.PrefillMask(sliceIndex, window));
        return o.squeeze(0).transpose(0, 1).reshape(slice.QueryLength, heads * headDim);
    }

    // HF's eager attention: scaled scores, soft-capped, masked, softmax in float32.
    private static Tensor Eager(Tensor q, Tensor k, Tensor v, Tensor? visible, AttentionParameters parameters)
    {
        var scores = matmul(q, k.transpose(-2, -1)) * parameters.Scale;
        if (parameters.LogitSoftCap is { } cap) scores = (scores / cap).tanh() * cap;
        if (visible is not null) scores = scores.masked_fill(visible.logical_not(), double.NegativeInfinity);
        return matmul(softmax(scores, -1, ScalarType.Float32).to(q.dtype), v);
    }

    // [keys, kvHeads, D] -> [1, heads, keys, D], each KV head repeated for its query group (HF repeat_kv).
    private static Tensor RepeatKv(Tensor x, long groups)
    {
        var (keys, kvHeads, headDim) = (x.shape[0], x.shape[1], x.shape[2]);
        var t = x.transpose(0, 1);
        if (groups > 1) t = t.unsqueeze(1).expand(kvHeads, groups, keys, headDim).reshape(kvHeads * groups, keys, headDim);
        return t.unsqueeze(0);
    }
}
