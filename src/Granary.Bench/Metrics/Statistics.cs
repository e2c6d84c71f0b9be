namespace Granary.Bench.Metrics;

/// <summary>Sample statistics as numpy computes them: population standard deviation, linearly interpolated percentiles.</summary>
internal static class Statistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        RequireSamples(values);
        var sum = 0.0;
        foreach (var value in values) sum += value;
        return sum / values.Count;
    }

    /// <summary>Population standard deviation (numpy's default, ddof = 0).</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var value in values) squares += (value - mean) * (value - mean);
        return Math.Sqrt(squares / values.Count);
    }

    /// <summary>
    /// The <paramref name="percent"/>-th percentile of <paramref name="sorted"/> (ascending): the value at
    /// rank (n − 1)·p/100, interpolated linearly between the two nearest samples (numpy's "linear" method).
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        RequireSamples(sorted);
        if (percent is < 0 or > 100 || double.IsNaN(percent))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile lies in [0, 100].");
        var rank = (sorted.Count - 1) * percent / 100.0;
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }

    private static void RequireSamples(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No samples.", nameof(values));
    }
}
