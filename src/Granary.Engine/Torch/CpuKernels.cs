using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace Granary.Engine.Torch;

/// <summary>
/// Float32 CPU kernels that replace chains of small libtorch ops in a decode step. Each libtorch
/// call costs a few microseconds whatever its size, and a norm or an activation is six or seven of
/// them; at one or a few tokens per step that overhead, not the arithmetic, is the cost.
/// </summary>
internal static unsafe class CpuKernels
{
    /// <summary>Whether a tensor can go through these kernels: float32, on the CPU, contiguous.</summary>
    public static bool Applies(Tensor tensor) =>
        tensor.device_type == TorchSharp.DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.is_contiguous();

    /// <summary>HF's RMSNorm: x · rsqrt(mean(x²) + eps) · weight, per row of <paramref name="input"/>.</summary>
    public static Tensor RmsNorm(Tensor input, Tensor weight, double eps)
    {
        var output = empty(input.shape, ScalarType.Float32);
        var dim = (int)input.shape[^1];
        var rows = (int)(input.numel() / dim);
        float* x = Pointer(input), w = Pointer(weight), y = Pointer(output);
        for (var r = 0; r < rows; r++)
        {
            var row = x + (long)r * dim;
            var scale = (float)(1.0 / Math.Sqrt(SumOfSquares(row, dim) / dim + eps));
            var target = y + (long)r * dim;
            for (var i = 0; i < dim; i++) target[i] = w[i] * (row[i] * scale);
        }
        return output;
    }

    /// <summary>silu(gate) · up for rows laid out as [gate | up], as the fused gate/up projection returns them.</summary>
    public static Tensor SiluAndMul(Tensor gateUp)
    {
        var width = (int)gateUp.shape[^1] / 2;
        var rows = (int)(gateUp.numel() / (2 * width));
        var output = empty([rows, width], ScalarType.Float32);
        float* source = Pointer(gateUp), y = Pointer(output);
        for (var r = 0; r < rows; r++)
        {
            var gate = source + (long)r * 2 * width;
            SiluAndMul(gate, gate + width, y + (long)r * width, 0, width);
        }
        return output;
    }

    /// <summary>target[i] = silu(gate[i]) · up[i] for i in [from, to): the one formula every SiLU path shares, so they agree bitwise.</summary>
    public static void SiluAndMul(float* gate, float* up, float* target, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var g = gate[i];
            target[i] = g / (1f + MathF.Exp(-g)) * up[i];
        }
    }

    /// <summary>
    /// Rotate-half rotary positions on the first <paramref name="rotaryDim"/> features of every head:
    /// x·cos + rotate_half(x)·sin, as HF applies them. <paramref name="input"/> is [tokens, heads, headDim]
    /// (a contiguous copy is taken if needed); cos and sin are [tokens, 1, rotaryDim].
    /// </summary>
    public static Tensor Rotary(Tensor input, Tensor cos, Tensor sin, int rotaryDim)
    {
        using var x = input.contiguous();
        var output = x.clone();
        var (tokens, heads, headDim) = ((int)x.shape[0], (int)x.shape[1], (int)x.shape[2]);
        var half = rotaryDim / 2;
        float* source = Pointer(x), y = Pointer(output), c = Pointer(cos), s = Pointer(sin);
        for (var t = 0; t < tokens; t++)
        {
            var cosRow = c + (long)t * rotaryDim;
            var sinRow = s + (long)t * rotaryDim;
            for (var h = 0; h < heads; h++)
            {
                var offset = ((long)t * heads + h) * headDim;
                var head = source + offset;
                var target = y + offset;
                for (var i = 0; i < half; i++)
                {
                    target[i] = head[i] * cosRow[i] - head[i + half] * sinRow[i];
                    target[i + half] = head[i + half] * cosRow[i + half] + head[i] * sinRow[i + half];
                }
            }
        }
        return output;
    }

    // Tensor.bytes spans the tensor's own native memory, which never moves.
    public static float* Pointer(Tensor tensor) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));

    // Float32 accumulation in 8 lanes, as vectorised float32 reductions do.
    private static float SumOfSquares(float* x, int length)
    {
        var accumulator = Vector256<float>.Zero;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            var v = Vector256.Load(x + i);
            accumulator += v * v;
        }
        var sum = Vector256.Sum(accumulator);
        for (; i < length; i++) sum += x[i] * x[i];
        return sum;
    }
}
