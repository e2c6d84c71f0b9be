namespace Granary.Bench.Metrics;

/// <summary>Summary of one latency metric over a run, in milliseconds.</summary>
internal sealed record Distribution(int Count, double Mean, double Median, double Std, IReadOnlyList<PercentileValue> Percentiles)
{
    /// <summary>Summarizes samples given in seconds; null when there are none (the metric is then undefined, not 0).</summary>
    public static Distribution? FromSeconds(IEnumerable<double> seconds, IReadOnlyList<double> percentiles)
    {
        var sorted = seconds.Select(s => s * 1000.0).Order().ToArray();
        if (sorted.Length == 0) return null;
        return new Distribution(
            sorted.Length,
            Statistics.Mean(sorted),
            Statistics.Percentile(sorted, 50),
            Statistics.StandardDeviation(sorted),
            percentiles.Select(p => new PercentileValue(p, Statistics.Percentile(sorted, p))).ToArray());
    }

    public double? At(double percent) => Percentiles.FirstOrDefault(p => p.Percent == percent)?.Value;
}
