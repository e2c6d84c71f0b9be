namespace Granary.Bench.Workload;

/// <summary>
/// Send times of a Poisson process: gaps drawn from an exponential distribution with mean
/// 1 / rate (inverse-CDF sampling). An infinite rate sends everything at time 0.
/// </summary>
internal static class PoissonArrivals
{
    /// <summary>Seconds from the start of the run at which each of <paramref name="count"/> requests is due.</summary>
    public static double[] Schedule(int count, double requestRate, Random random)
    {
        if (!(requestRate > 0)) throw new ArgumentOutOfRangeException(nameof(requestRate), requestRate, "The request rate must be positive.");
        var times = new double[count];
        if (double.IsPositiveInfinity(requestRate)) return times;
        var at = 0.0;
        for (var i = 0; i < count; i++)
        {
            // 1 − U lies in (0, 1], so the logarithm is finite.
            at += -Math.Log(1.0 - random.NextDouble()) / requestRate;
            times[i] = at;
        }
        return times;
    }
}
