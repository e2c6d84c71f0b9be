using Granary.Bench.Metrics;

namespace Granary.Bench.Tests.Metrics;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(50, 2.5)]    // numpy.percentile([1, 2, 3, 4], 50)
    [InlineData(99, 3.97)]   // rank 2.97: 3 + 0.97 · (4 − 3)
    [InlineData(25, 1.75)]
    [InlineData(100, 4.0)]
    public void Percentiles_interpolate_linearly_between_ranks(double percent, double expected)
    {
        Assert.Equal(expected, Statistics.Percentile([1, 2, 3, 4], percent), 12);
    }

    [Fact]
    public void A_single_sample_is_every_percentile()
    {
        Assert.Equal(7.0, Statistics.Percentile([7], 99));
        Assert.Equal(7.0, Statistics.Percentile([7], 50));
    }

    [Fact]
    public void Standard_deviation_is_the_population_one()
    {
        // mean 5, squared deviations sum to 32 over 8 samples: sqrt(4) = 2 (the sample std would be 2.138).
        Assert.Equal(2.0, Statistics.StandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 12);
        Assert.Equal(5.0, Statistics.Mean([2, 4, 4, 4, 5, 5, 7, 9]), 12);
    }

    [Fact]
    public void No_samples_is_an_error_not_a_zero()
    {
        Assert.Throws<ArgumentException>(() => Statistics.Mean([]));
        Assert.Throws<ArgumentException>(() => Statistics.Percentile([], 50));
        Assert.Null(Distribution.FromSeconds([], [99]));
    }

    [Fact]
    public void Distribution_converts_seconds_to_milliseconds_and_sorts()
    {
        var d = Distribution.FromSeconds([0.004, 0.001, 0.003, 0.002], [99, 90])!;
        Assert.Equal(4, d.Count);
        Assert.Equal(2.5, d.Mean, 9);
        Assert.Equal(2.5, d.Median, 9);
        Assert.Equal(Math.Sqrt(1.25), d.Std, 9);
        Assert.Equal(3.97, d.At(99)!.Value, 9);
        Assert.Equal(3.7, d.At(90)!.Value, 9);
        Assert.Equal(["p90", "p99"], d.Percentiles.Select(p => p.Name).Order());
    }

    [Fact]
    public void Fractional_percentiles_are_named_like_vllm()
    {
        Assert.Equal("p99.9", new PercentileValue(99.9, 0).Name);
        Assert.Equal("p50", new PercentileValue(50, 0).Name);
    }
}
