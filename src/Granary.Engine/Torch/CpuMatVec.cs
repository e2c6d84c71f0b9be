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
    /// <summary>Up to this many input rows the product stays bound by reading W, which this kernel does best.</summary>
    public const int MaxInputs = 32;

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

    // Each row of W is read from memory once and then, for every further group of inputs, from L1.
    // Three rows by four inputs at a time: twelve independent accumulators in registers (a
    // stackalloc'd array would not stay there) hide the FMA latency, and seven loads feed twelve
    // multiply-adds. Measured at 16 inputs: 10 % more decode throughput than two rows by four.
    private static void ManyInputs(float* weight, float* input, float* output, int inputs, int k, long outputStride, int firstRow, int lastRow)
    {
        var r = firstRow;
        for (; r + 3 <= lastRow; r += 3)
        {
            var w0 = weight + (long)r * k;
            var m = 0;
            for (; m + 4 <= inputs; m += 4)
            {
                Dot3x4(w0, k, input + (long)m * k, output + m * outputStride + r, outputStride);
            }
            for (; m < inputs; m++)
            {
                for (var j = 0; j < 3; j++) output[m * outputStride + r + j] = Dot1(w0 + (long)j * k, input + (long)m * k, k);
            }
        }
        for (; r < lastRow; r++)
        {
            var w = weight + (long)r * k;
            for (var m = 0; m < inputs; m++) output[m * outputStride + r] = Dot1(w, input + (long)m * k, k);
        }
    }

    /// <summary>Rows w0, w0+k, w0+2k against inputs x .. x+3k; writes y[m·stride + 0/1/2].</summary>
    private static void Dot3x4(float* w0, int k, float* x, float* y, long stride)
    {
        Vector256<float> a00 = Vector256<float>.Zero, a01 = a00, a02 = a00, a03 = a00;
        Vector256<float> a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        Vector256<float> a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        float* w1 = w0 + k, w2 = w0 + 2L * k;
        float* x1 = x + k, x2 = x + 2L * k, x3 = x + 3L * k;
        var i = 0;
        for (; i + 8 <= k; i += 8)
        {
            var p0 = Avx.LoadVector256(w0 + i);
            var p1 = Avx.LoadVector256(w1 + i);
            var p2 = Avx.LoadVector256(w2 + i);
            var v = Avx.LoadVector256(x + i);
            a00 = Fma.MultiplyAdd(p0, v, a00);
            a10 = Fma.MultiplyAdd(p1, v, a10);
            a20 = Fma.MultiplyAdd(p2, v, a20);
            v = Avx.LoadVector256(x1 + i);
            a01 = Fma.MultiplyAdd(p0, v, a01);
            a11 = Fma.MultiplyAdd(p1, v, a11);
            a21 = Fma.MultiplyAdd(p2, v, a21);
            v = Avx.LoadVector256(x2 + i);
            a02 = Fma.MultiplyAdd(p0, v, a02);
            a12 = Fma.MultiplyAdd(p1, v, a12);
            a22 = Fma.MultiplyAdd(p2, v, a22);
            v = Avx.LoadVector256(x3 + i);
            a03 = Fma.MultiplyAdd(p0, v, a03);
            a13 = Fma.MultiplyAdd(p1, v, a13);
            a23 = Fma.MultiplyAdd(p2, v, a23);
        }
        Span<float> s = stackalloc float[12]
        {
            Vector256.Sum(a00), Vector256.Sum(a01), Vector256.Sum(a02), Vector256.Sum(a03),
            Vector256.Sum(a10), Vector256.Sum(a11), Vector256.Sum(a12), Vector256.Sum(a13),
            Vector256.Sum(a20), Vector256.Sum(a21), Vector256.Sum(a22), Vector256.Sum(a23),
        };
        for (; i < k; i++)
        {
            for (var m = 0; m < 4; m++)
            {
                var xm = x[(long)m * k + i];
                s[m] += w0[i] * xm;
                s[4 + m] += w1[i] * xm;
                s[8 + m] += w2[i] * xm;
            }
        }
        for (var m = 0; m < 4; m++)
        {
            y[m * stride] = s[m];
            y[m * stride + 1] = s[4 + m];
            y[m * stride + 2] = s[8 + m];
        }
    }

    private static float Dot1(float* w, float* x, int k)
    {
        var a = Vector256<float>.Zero;
        var i = 0;
        for (; i + 8 <= k; i += 8) a = Fma.MultiplyAdd(Avx.LoadVector256(w + i), Avx.LoadVector256(x + i), a);
        var sum = Vector256.Sum(a);
        for (; i < k; i++) sum += w[i] * x[i];
        return sum;
    }
}
