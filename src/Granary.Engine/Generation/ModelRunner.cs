using Granary.Engine.Attention;
using Granary.Engine.Loading;
using Granary.Engine.Models;
using Granary.Engine.Multimodal;
using static TorchSharp.torch;

namespace Granary.Engine.Generation;

/// <summary>
/// Executes one forward pass over a set of scheduled chunks against the paged KV cache and returns
/// their logits. One call is one scheduler step.
/// </summary>
internal sealed class ModelRunner(LoadedModel model, KvCache.KvCache cache)
{
    public LoadedModel Model { get; } = model;

    public KvCache.KvCache Cache { get; } = cache;

    /// <summary>
    /// Float32 logits, chunk by chunk in the order given: one row per chunk, one per token for
    /// chunks that ask for all logits, none for chunks that need none. Null when no chunk needs logits.
    /// </summary>
    public Tensor? Execute(IReadOnlyList<ScheduledChunk> chunks)
    {
        if (chunks.Count == 0) throw new ArgumentException("nothing to run", nameof(chunks));
        foreach (var chunk in chunks)
        {
            if (chunk.TokenIds.Count == 0) throw new ArgumentException("a chunk has no tokens", nameof(chunks));
            if ((long)chunk.BlockTable.Count * Cache.BlockSize < chunk.EndPosition)
                throw new ArgumentException($"a chunk reaching position {chunk.EndPosition} has only {chunk.BlockTable.Count} blocks", nameof(chunks));
        }

        // Decodes first: the attention kernel batches them together.
        var order = Enumerable.Range(0, chunks.Count).OrderBy(i => chunks[i].TokenIds.Count == 1 ? 0 : 1).ToArray();
        var ids = new long[chunks.Sum(c => c.TokenIds.Count)];
        var positions = new long[ids.Length];
        var slices = new SequenceSlice[chunks.Count];
        var start = new int[chunks.Count];
        var row = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var chunk = chunks[order[k]];
            start[order[k]] = row;
            slices[k] = new SequenceSlice(row, chunk.TokenIds.Count, chunk.EndPosition, chunk.BlockTable);
            for (var t = 0; t < chunk.TokenIds.Count; t++, row++)
            {
                ids[row] = chunk.TokenIds[t];
                positions[row] = chunk.StartPosition + t;
            }
        }

        var wanted = chunks.SelectMany((c, i) => Enumerable.Range(c.AllLogits ? start[i] : start[i] + c.TokenIds.Count - 1, c.LogitRows))
            .Select(r => (long)r).ToArray();

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = Model.Device;
        var inputIds = tensor(ids, ScalarType.Int64, device).DetachFromDisposeScope();
        using var batch = new ForwardBatch(
            inputIds,
            tensor(positions, ScalarType.Int64, device).DetachFromDisposeScope(),
            new AttentionMetadata(slices, Cache.BlockSize, device),
            Cache,
            EmbeddingsWithImages(chunks, start, inputIds));
        var hidden = Model.Model.Forward(batch);
        if (wanted.Length == 0) return null;
        var selected = hidden.index_select(0, tensor(wanted, ScalarType.Int64, device));
        return Model.Model.ComputeLogits(selected).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The input embeddings with image features in place of their placeholders' rows, or null when no
    /// chunk reaches an image; images reached for the first time are encoded here, together.
    /// </summary>
    private Tensor? EmbeddingsWithImages(IReadOnlyList<ScheduledChunk> chunks, int[] start, Tensor inputIds)
    {
        var reached = chunks.Select((c, i) => (Chunk: c, Row: start[i]))
            .SelectMany(x => (x.Chunk.Images ?? []).Where(m => m.Overlaps(x.Chunk.StartPosition, x.Chunk.EndPosition)).Select(m => (x.Chunk, x.Row, Image: m)))
            .ToArray();
        if (reached.Length == 0) return null;
        Encode(reached.Select(r => r.Image).Where(m => m.Features is null).Distinct().ToArray());
        using var scope = NewDisposeScope();
        var embeddings = Model.Model.EmbedInputIds(inputIds);
        foreach (var (chunk, row, image) in reached)
        {
            var from = Math.Max(chunk.StartPosition, image.Offset);
            var to = Math.Min(chunk.EndPosition, image.End);
            var at = row + from - chunk.StartPosition;
            embeddings[at..(at + to - from)] = image.Features![(from - image.Offset)..(to - image.Offset)];
        }
        return embeddings.DetachFromDisposeScope(); // the batch owns it
    }

    private void Encode(PromptImage[] images)
    {
        if (images.Length == 0) return;
        using var scope = NewDisposeScope();
        var (height, width) = (images[0].Height, images[0].Width);
        if (images.Any(m => m.Height != height || m.Width != width))
        {
            foreach (var group in images.GroupBy(m => (m.Height, m.Width))) Encode(group.ToArray());
            return;
        }
        var pixels = new float[images.Sum(m => m.Pixels.Length)];
        var offset = 0;
        foreach (var image in images)
        {
            image.Pixels.CopyTo(pixels, offset);
            offset += image.Pixels.Length;
        }
        var features = Model.Model.EncodeImages(tensor(pixels, [images.Length, 3, height, width], ScalarType.Float32, Model.Device).to(Model.Dtype));
        for (var i = 0; i < images.Length; i++)
        {
            if (features.shape[1] != images[i].TokenCount)
                throw new InvalidOperationException($"an image has {images[i].TokenCount} placeholder tokens but the vision tower gives {features.shape[1]} features");
            // Kept past this step (and the step's dispose scope): the image owns them.
            images[i].Features = features[i].clone().DetachFromDisposeScope();
        }
    }
}
