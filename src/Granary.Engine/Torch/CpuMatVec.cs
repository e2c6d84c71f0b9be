using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Granary.Engine.Torch;

/// <summary>
/// y = x·Wᵀ for a few float32 input rows, over a range of W's rows, with AVX2 FMA. Decoding is
/// bound by reading W once per step; libtorch's CPU GEMV reaches about 12–15 GB/s a core here,
/// this loop about 15–16 (measured), and every input row reuses each loaded piece of W, so a small
/// decode batch costs little more than one sequence.
/// </summary>
internal static unsafe class CpuMatVec
{
    public const int MaxInputs = 8;

    public static bool Supported => Avx2.IsSupported && Fma.IsSupported;

    /// <param name="weight">[rows of W, k], row-major.</param>
    /// <param name="input">[inputs, k], row-major.</param>
    /// <param name="output">[inputs, outputStride]: writes columns [firstRow, lastRow).</param>
    public static void Multiply(float* weight, float* input, float* output, int inputs, int k, long outputStride, int firstRow, int lastRow)
    {
        if (inputs == 1) SingleInput(weight, input, output, k, firstRow, lastRow);
        else ManyInputs(weight, input, output, inputs, k, outputStride, firstRow, lastRow);
    }

    private static void SingleInput(float* weight, float* x, float* y, int k, int firstRow, int lastRow)
    {
        var vectorEnd = k & ~31;
        for (var r = firstRow; r < lastRow; r++)
        {
            var w = weight + (long)r * k;
            Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
            var i = 0;
            for (; i < vectorEnd; i += 32)
            {
                a0 = Fma.MultiplyAdd(Avx.LoadVector256(w + i), Avx.LoadVector256(x + i), a0);
                a1 = Fma.MultiplyAdd(Avx.LoadVector256(w + i + 8), Avx.LoadVector256(x + i + 8), a1);
                a2 = Fma.MultiplyAdd(Avx.LoadVector256(w + i + 16), Avx.LoadVector256(x + i + 16), a2);
                a3 = Fma.MultiplyAdd(Avx.LoadVector256(w + i + 24), Avx.LoadVector256(x + i + 24), a3);
            }
            var sum = Vector256.Sum(Avx.Add(Avx.Add(a0, a1), Avx.Add(a2, a3)));
            for (; i < k; i++) sum += w[i] * x[i];
            y[r] = sum;
        }
    }

    private static void ManyInputs(float* weight, float* input, float* output, int inputs, int k, long outputStride, int firstRow, int lastRow)
    {
        var vectorEnd = k & ~7;
        var accumulators = stackalloc Vector256<float>[MaxInputs];
        for (var r = firstRow; r < lastRow; r++)
        {
            var w = weight + (long)r * k;
            for (var m = 0; m < inputs; m++) accumulators[m] = Vector256<float>.Zero;
            var i = 0;
            for (; i < vectorEnd; i += 8)
            {
                var piece = Avx.LoadVector256(w + i);
                for (var m = 0; m < inputs; m++)
                    accumulators[m] = Fma.MultiplyAdd(piece, Avx.LoadVector256(input + (long)m * k + i), accumulators[m]);
            }
            for (var m = 0; m < inputs; m++)
            {
                var sum = Vector256.Sum(accumulators[m]);
                for (var j = i; j < k; j++) sum += w[j] * input[(long)m * k + j];
                output[m * outputStride + r] = sum;
            }
        }
    }
}
