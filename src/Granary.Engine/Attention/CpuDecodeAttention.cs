using System.Runtime.Intrinsics;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Attention;

/// <summary>
/// Decode attention on the CPU in float32, straight over the paged cache: for each sequence and
/// query head, scores against the sequence's cached keys (through its block table), a softmax, and
/// the weighted sum of values. It replaces a dozen libtorch calls per layer (gathers, transposes,
/// SDPA) whose fixed costs dominate when one token attends to a few hundred.
/// </summary>
internal static unsafe class CpuDecodeAttention
{
    public static bool Applies(Tensor query, Tensor keyCache) => CpuKernels.Applies(keyCache) && query.dtype == ScalarType.Float32;

    /// <param name="query">[decodes, heads, headDim].</param>
    public static Tensor Forward(Tensor query, Tensor keyCache, Tensor valueCache, AttentionMetadata metadata, AttentionParameters parameters)
    {
        var window = parameters.SlidingWindow;
        var scale = (float)parameters.Scale;
        var cap = parameters.LogitSoftCap is { } c ? (float)c : 0f;
        using var contiguous = query.contiguous(); // a slice of the fused projection: a few floats to copy
        var (batch, heads, headDim) = ((int)query.shape[0], (int)query.shape[1], (int)query.shape[2]);
        var kvHeads = (int)keyCache.shape[1];
        var group = heads / kvHeads;
        var output = empty([batch, heads * headDim], ScalarType.Float32);
        float* q = CpuKernels.Pointer(contiguous), keys = CpuKernels.Pointer(keyCache), values = CpuKernels.Pointer(valueCache), y = CpuKernels.Pointer(output);
        var (rowStride, headStride) = ((long)heads * headDim, (long)headDim);
        var slotStride = (long)kvHeads * headDim;
        var scores = new float[metadata.DecodeKeyLength];

        for (var b = 0; b < batch; b++)
        {
            var slice = metadata.Slices[b];
            var position = slice.ContextLength - 1;
            var first = window is { } w ? Math.Max(0, position - w + 1) : 0;
            var slots = metadata.DecodeSlots.AsSpan(b * metadata.DecodeKeyLength, slice.ContextLength);

            for (var h = 0; h < heads; h++)
            {
                var queryHead = q + b * rowStride + h * headStride;
                var kvOffset = (long)(h / group) * headDim;
                var max = float.NegativeInfinity;
                for (var j = first; j < slots.Length; j++)
                {
                    scores[j] = Dot(queryHead, keys + slots[j] * slotStride + kvOffset, headDim) * scale;
                    if (cap != 0f) scores[j] = cap * MathF.Tanh(scores[j] / cap);
                    if (scores[j] > max) max = scores[j];
                }
                var sum = 0f;
                for (var j = first; j < slots.Length; j++)
                {
                    scores[j] = MathF.Exp(scores[j] - max);
                    sum += scores[j];
                }
                var target = y + ((long)b * heads + h) * headDim;
                new Span<float>(target, headDim).Clear();
                for (var j = first; j < slots.Length; j++)
                    AddScaled(target, values + slots[j] * slotStride + kvOffset, scores[j] / sum, headDim);
            }
        }
        return output;
    }

    private static float Dot(float* a, float* b, int length)
    {
        var accumulator = Vector256<float>.Zero;
        var i = 0;
        for (; i + 8 <= length; i += 8) accumulator += Vector256.Load(a + i) * Vector256.Load(b + i);
        var sum = Vector256.Sum(accumulator);
        for (; i < length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void AddScaled(float* target, float* source, float weight, int length)
    {
        var factor = Vector256.Create(weight);
        var i = 0;
        for (; i + 8 <= length; i += 8) (Vector256.Load(target + i) + Vector256.Load(source + i) * factor).Store(target + i);
        for (; i < length; i++) target[i] += source[i] * weight;
    }
}
