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

    public void Dispose()
    {
        foreach (var tensor in Keys.Concat(Values)) tensor.Dispose();
    }
}
