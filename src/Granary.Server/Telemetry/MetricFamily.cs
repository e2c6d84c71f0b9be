using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Granary.Server.Telemetry;

/// <summary>
/// One instrument as a Prometheus metric. A Counter's measurements add up; an ObservableCounter's
/// are running totals and a gauge's current values (observed afresh at each scrape, so a replica
/// that is gone drops out); an UpDownCounter's add to a gauge; a histogram uses the instrument's
/// advised buckets.
/// </summary>
internal sealed class MetricFamily
{
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]; // OpenTelemetry's
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new();
    private readonly Instrument _instrument;
    private readonly double[]? _buckets;
    private readonly bool _adds;

    public MetricFamily(Instrument instrument)
    {
        _instrument = instrument;
        Name = PrometheusNames.For(instrument);
        Help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        var type = instrument.GetType().GetGenericTypeDefinition();
        Kind = PrometheusNames.IsCounter(instrument) ? MetricKind.Counter
            : type == typeof(Histogram<>) ? MetricKind.Histogram
            : MetricKind.Gauge;
        _adds = type == typeof(Counter<>) || type == typeof(UpDownCounter<>);
        IsObservable = instrument.IsObservable;
        if (Kind == MetricKind.Histogram) _buckets = AdvisedBuckets(instrument) ?? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets);
    }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    public bool IsObservable { get; }

    public bool Matches(Instrument instrument) => ReferenceEquals(instrument, _instrument);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrAdd(PrometheusNames.Labels(tags), labels => new MetricSeries(labels, _buckets));
        if (Kind == MetricKind.Histogram) series.Observe(value);
        else if (_adds) series.Add(value);
        else series.Set(value);
    }

    /// <summary>Forgets an observable instrument's series before it is observed again.</summary>
    public void Reset() => _series.Clear();

    public void Render(StringBuilder text)
    {
        if (_series.IsEmpty) return;
        text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusNames.EscapeHelp(Help)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind.ToString().ToLowerInvariant()).Append('\n');
        foreach (var series in _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal)) series.Render(text, Name, Kind);
    }

    private static double[]? AdvisedBuckets(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };
}
