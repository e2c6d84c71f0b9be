using Granary.Engine.Attention;
using static TorchSharp.torch;

namespace Granary.Engine.Models;

/// <summary>
/// The inputs of one forward pass: flattened token ids and positions, plus attention metadata and the
/// cache; optionally the input embeddings themselves (token embeddings with, say, image features
/// spliced in), which the model then uses instead of looking the ids up.
/// </summary>
internal sealed class ForwardBatch(Tensor inputIds, Tensor positions, AttentionMetadata attention, KvCache.KvCache cache,
    Tensor? inputEmbeddings = null) : IDisposable
{
    /// <summary>[tokens] int64.</summary>
    public Tensor InputIds { get; } = inputIds;

    /// <summary>[tokens] int64.</summary>
    public Tensor Positions { get; } = positions;

    /// <summary>[tokens, hidden] in the model's dtype, or null to embed <see cref="InputIds"/>.</summary>
    public Tensor? InputEmbeddings { get; } = inputEmbeddings;

    public AttentionMetadata Attention { get; } = attention;

    public KvCache.KvCache Cache { get; } = cache;

    public void Dispose()
    {
        InputIds.Dispose();
        Positions.Dispose();
        InputEmbeddings?.Dispose();
        Attention.Dispose();
    }
}
