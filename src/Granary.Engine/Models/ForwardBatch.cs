using Granary.Engine.Attention;
using static TorchSharp.torch;

namespace Granary.Engine.Models;

/// <summary>The inputs of one forward pass: flattened token ids and positions, plus attention metadata and the cache.</summary>
internal sealed class ForwardBatch(Tensor inputIds, Tensor positions, AttentionMetadata attention, KvCache.KvCache cache,
    IReadOnlyList<ImageSlice>? images = null) : IDisposable
{
    /// <summary>[tokens] int64.</summary>
    public Tensor InputIds { get; } = inputIds;

    /// <summary>[tokens] int64.</summary>
    public Tensor Positions { get; } = positions;

    public AttentionMetadata Attention { get; } = attention;

    public KvCache.KvCache Cache { get; } = cache;

    /// <summary>Rows whose input embeddings are image features rather than their tokens' embeddings.</summary>
    public IReadOnlyList<ImageSlice> Images { get; } = images ?? [];

    public void Dispose()
    {
        InputIds.Dispose();
        Positions.Dispose();
        Attention.Dispose();
    }
}
