using static TorchSharp.torch;

namespace Granary.Engine.KvCache;

/// <summary>
/// The paged KV cache: per layer, one preallocated pool of key and value slots laid out as
/// [blocks × blockSize, kvHeads, headDim]. Slot s lives in block s / blockSize.
/// </summary>
internal sealed class KvCache : IDisposable
{
    public KvCache(int layers, int numBlocks, int blockSize, int kvHeads, int headDim, ScalarType dtype, Device device)
    {
        NumBlocks = numBlocks;
        BlockSize = blockSize;
        Keys = new Tensor[layers];
        Values = new Tensor[layers];
        for (var layer = 0; layer < layers; layer++)
        {
            Keys[layer] = zeros([(long)numBlocks * blockSize, kvHeads, headDim], dtype, device);
            Values[layer] = zeros([(long)numBlocks * blockSize, kvHeads, headDim], dtype, device);
        }
    }

    public int NumBlocks { get; }

    public int BlockSize { get; }

    public Tensor[] Keys { get; }

    public Tensor[] Values { get; }

    /// <summary>Bytes one cached token costs across all layers, keys and values.</summary>
    public static long BytesPerToken(int layers, int kvHeads, int headDim, ScalarType dtype) =>
        2L * layers * kvHeads * headDim * ElementSize(dtype);

    public static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        _ => throw new ArgumentException($"unsupported KV cache dtype {dtype}"),
    };

    /// <summary>Copies whole blocks (all layers, keys and values): copy-on-write for forked sequences.</summary>
    public void CopyBlocks(IReadOnlyList<(int Source, int Destination)> copies)
    {
        if (copies.Count == 0) return;
        using var scope = NewDisposeScope();
        var device = Keys[0].device;
        var source = tensor(copies.Select(c => (long)c.Source).ToArray(), ScalarType.Int64, device);
        var destination = tensor(copies.Select(c => (long)c.Destination).ToArray(), ScalarType.Int64, device);
        foreach (var pool in Keys.Concat(Values))
        {
            var blocks = pool.view(NumBlocks, BlockSize, pool.shape[1], pool.shape[2]);
            blocks.index_copy_(0, destination, blocks.index_select(0, source));
        }
    }

    public void Dispose()
    {
        foreach (var tensor in Keys.Concat(Values)) tensor.Dispose();
    }
}
