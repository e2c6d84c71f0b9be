using System.Globalization;

namespace Granary.Bench.Metrics;

/// <summary>One percentile of a distribution, e.g. p99 = 12.5 ms.</summary>
internal sealed record PercentileValue(double Percent, double Value)
{
    /// <summary>"p99", "p99.9": vLLM's field-name form (integers without a decimal point).</summary>
    public string Name => "p" + Percent.ToString("0.###", CultureInfo.InvariantCulture);
}
