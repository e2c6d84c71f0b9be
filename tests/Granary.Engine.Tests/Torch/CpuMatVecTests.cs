using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Torch;

public sealed unsafe class CpuMatVecTests
{
    [Theory]
    [InlineData(1, 768)]
    [InlineData(1, 77)] // tails after the 32-wide and 8-wide loops
    [InlineData(3, 515)]
    [InlineData(8, 64)]
    [InlineData(13, 100)] // groups of four plus a remainder
    [InlineData(32, 768)]
    public void Rows_of_x_times_w_transposed_match_libtorch(int inputs, int k)
    {
        if (!CpuMatVec.Supported) return; // AVX2/FMA machines only; others take libtorch's path
        using var weight = randn(301, k);
        using var input = randn(inputs, k);
        using var expected = nn.functional.linear(input, weight);
        var actual = new float[inputs * 301];
        var w = weight.data<float>().ToArray();
        var x = input.data<float>().ToArray();

        fixed (float* wp = w, xp = x, yp = actual)
        {
            // Slices as the row-split workers cut them, with one, one and two rows left over after the triples.
            CpuMatVec.Multiply(wp, xp, yp, inputs, k, 301, 0, 151);
            CpuMatVec.Multiply(wp, xp, yp, inputs, k, 301, 151, 299);
            CpuMatVec.Multiply(wp, xp, yp, inputs, k, 301, 299, 301);
        }

        var reference = expected.data<float>().ToArray();
        for (var i = 0; i < reference.Length; i++)
            Assert.True(Math.Abs(reference[i] - actual[i]) <= 1e-4 + 1e-5 * Math.Abs(reference[i]), $"element {i}: {actual[i]} vs {reference[i]}");
    }
}
