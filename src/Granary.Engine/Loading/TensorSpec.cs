using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>A tensor's name, shape and dtype, without its data.</summary>
internal sealed record TensorSpec(string Name, long[] Shape, ScalarType Dtype)
{
    public long ByteLength => Shape.Aggregate(1L, (a, d) => a * d) * KvCache.KvCache.ElementSize(Dtype);
}
