using System.Globalization;
using System.Text;

namespace Granary.Server.Telemetry;

/// <summary>One label set of a metric: a value, or a histogram's bucket counts, sum and count.</summary>
internal sealed class MetricSeries(string labels, double[]? buckets)
{
    private readonly Lock _lock = new();
    private readonly long[] _bucketCounts = new long[buckets?.Length ?? 0];
    private double _value;
    private long _count;

    /// <summary>The rendered label pairs, without braces: a="x",b="y".</summary>
    public string Labels { get; } = labels;

    public void Add(double delta)
    {
        lock (_lock) _value += delta;
    }

    public void Set(double value)
    {
        lock (_lock) _value = value;
    }

    public void Observe(double value)
    {
        lock (_lock)
        {
            _value += value;
            _count++;
            var bucket = Array.BinarySearch(buckets!, value);
            if (bucket < 0) bucket = ~bucket; // the first bound above it; le is inclusive
            if (bucket < _bucketCounts.Length) _bucketCounts[bucket]++;
        }
    }

    public void Render(StringBuilder text, string name, MetricKind kind)
    {
        lock (_lock)
        {
            if (kind != MetricKind.Histogram)
            {
                Line(text, name, Labels, null, _value);
                return;
            }
            long cumulative = 0;
            for (var i = 0; i < buckets!.Length; i++)
            {
                cumulative += _bucketCounts[i];
                Line(text, name + "_bucket", Labels, Number(buckets[i]), cumulative);
            }
            Line(text, name + "_bucket", Labels, "+Inf", _count);
            Line(text, name + "_sum", Labels, null, _value);
            Line(text, name + "_count", Labels, null, _count);
        }
    }

    private static void Line(StringBuilder text, string name, string labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null) text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
