using Granary.Engine.Models.Layers;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Models;

public sealed class RowParallelLinearTests
{
    [Theory]
    [InlineData(1, 1, false)] // one core: the mat-vec kernel on the calling thread
    [InlineData(40, 1, true)] // one core, prefill-sized: libtorch's product of the whole weight
    [InlineData(1, 3, false)]
    [InlineData(5, 2, true)]
    [InlineData(33, 3, true)]
    public void Split_products_equal_the_whole_product(int rows, int parallelism, bool withBias)
    {
        using var workers = new CpuWorkers(parallelism - 1);
        using var weight = randn(1001, 512); // odd row count: uneven slices
        using var bias = withBias ? randn(1001) : null;
        using var input = randn(rows, 512);
        using var split = RowParallelLinear.TryCreate(weight, bias, workers)!;

        using var expected = nn.functional.linear(input, weight, bias);
        using var actual = split.Forward(input);

        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected - actual).abs().max().item<float>();
        // Float32 sums in another order: outputs of size ~20 differ by up to ~3e-5.
        Assert.True(allclose(expected, actual, rtol: 1e-5, atol: 1e-4), $"max difference {diff}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(5, 2)]
    [InlineData(7, 3)]
    public void Fused_silu_pass_equals_the_product_then_the_activation_bitwise(int rows, int parallelism)
    {
        using var workers = new CpuWorkers(parallelism - 1);
        using var weight = randn(2 * 517, 512); // [gate | up], odd halves: uneven slices that do not line up with the whole's
        using var input = randn(rows, 512);
        using var split = RowParallelLinear.TryCreate(weight, null, workers)!;
        Assert.True(split.GatesSilu(input));

        using var projected = split.Forward(input);
        using var expected = CpuKernels.SiluAndMul(projected);
        using var actual = split.SiluAndMul(input);

        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
    }

    [Fact]
    public void Biased_or_odd_weights_take_the_separate_activation()
    {
        using var workers = new CpuWorkers(1);
        using var input = randn(1, 512);
        using var odd = randn(1025, 512);
        using var even = randn(1024, 512);
        using var bias = randn(1024);
        using var oddSplit = RowParallelLinear.TryCreate(odd, null, workers)!;
        using var biasedSplit = RowParallelLinear.TryCreate(even, bias, workers)!;
        Assert.False(oddSplit.GatesSilu(input));
        Assert.False(biasedSplit.GatesSilu(input));
    }

    [Fact]
    public void Small_weights_and_missing_workers_are_not_split()
    {
        using var workers = new CpuWorkers(1);
        using var small = randn(16, 16);
        using var large = randn(1024, 512);
        Assert.Null(RowParallelLinear.TryCreate(small, null, workers));
        Assert.Null(RowParallelLinear.TryCreate(large, null, null));
    }
}
