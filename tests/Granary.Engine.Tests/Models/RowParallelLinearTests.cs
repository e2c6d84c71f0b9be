using Granary.Engine.Models.Layers;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Models;

public sealed class RowParallelLinearTests
{
    [Theory]
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
