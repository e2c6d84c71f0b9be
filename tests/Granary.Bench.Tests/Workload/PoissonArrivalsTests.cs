using Granary.Bench.Workload;

namespace Granary.Bench.Tests.Workload;

public sealed class PoissonArrivalsTests
{
    [Theory]
    [InlineData(5.0, 1)]
    [InlineData(0.5, 42)]
    [InlineData(200.0, 7)]
    public void Gaps_are_exponential_with_mean_one_over_the_rate(double rate, int seed)
    {
        const int count = 20_000;
        var times = PoissonArrivals.Schedule(count, rate, new Random(seed));
        var gaps = times.Select((t, i) => i == 0 ? t : t - times[i - 1]).ToArray();

        Assert.All(gaps, g => Assert.True(g > 0));
        var mean = gaps.Average();
        // The standard error of the mean of 20 000 exponential gaps is 0.7 % of the mean; allow 3 %.
        Assert.InRange(mean, 0.97 / rate, 1.03 / rate);
        // An exponential distribution's standard deviation equals its mean (coefficient of variation 1)...
        var std = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average());
        Assert.InRange(std / mean, 0.95, 1.05);
        // ...and P(gap > mean) = e^-1.
        Assert.InRange(gaps.Count(g => g > 1 / rate) / (double)count, Math.Exp(-1) - 0.015, Math.Exp(-1) + 0.015);
    }

    [Fact]
    public void The_same_seed_gives_the_same_schedule()
    {
        Assert.Equal(PoissonArrivals.Schedule(50, 3, new Random(9)), PoissonArrivals.Schedule(50, 3, new Random(9)));
        Assert.NotEqual(PoissonArrivals.Schedule(50, 3, new Random(9)), PoissonArrivals.Schedule(50, 3, new Random(10)));
    }

    [Fact]
    public void An_infinite_rate_sends_everything_at_once()
    {
        Assert.All(PoissonArrivals.Schedule(10, double.PositiveInfinity, new Random(1)), t => Assert.Equal(0, t));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_rate_must_be_positive(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonArrivals.Schedule(1, rate, new Random(1)));
    }
}
