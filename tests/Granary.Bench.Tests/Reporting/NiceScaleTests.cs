using Granary.Bench.Reporting;

namespace Granary.Bench.Tests.Reporting;

public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(157, 200, 50)]
    [InlineData(9.3, 10, 2)]
    [InlineData(0.42, 0.5, 0.1)]
    [InlineData(2840, 3000, 1000)]
    public void Axes_end_on_round_numbers(double max, double end, double step)
    {
        var scale = NiceScale.ZeroTo(max);
        Assert.Equal(end, scale.Max, 9);
        Assert.Equal(step, scale.Step, 9);
        Assert.Equal(0, scale.Ticks().First());
        Assert.Equal(end, scale.Ticks().Last(), 9);
    }
}
