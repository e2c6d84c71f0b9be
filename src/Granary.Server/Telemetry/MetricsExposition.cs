using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Granary.Server.Telemetry;

/// <summary>
/// This process's /metrics: every Granary* meter (the engine's vLLM instruments, replicas, the
/// gateway's, and other teams' Granary.Cluster) and the ASP.NET Core, Orleans and .NET runtime
/// meters, aggregated from a MeterListener and rendered in Prometheus' text format. Neither
/// OpenTelemetry nor prometheus-net accepts the ':' in vLLM's names, hence this small renderer.
/// </summary>
internal sealed class MetricsExposition : IHostedService, IDisposable
{
    private static readonly string[] PlatformMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.Orleans", "System.Runtime"];

    private readonly ConcurrentDictionary<string, MetricFamily> _families = new();
    private readonly MeterListener _listener = new();
    private readonly ILogger _logger;
    private readonly Lock _rendering = new();

    public MetricsExposition(ILogger<MetricsExposition> logger)
    {
        _logger = logger;
        _listener.InstrumentPublished = Publish;
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => Record(state, (double)value, tags));
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static bool IsExported(Meter meter) =>
        meter.Name.StartsWith("Granary", StringComparison.Ordinal) || PlatformMeters.Contains(meter.Name);

    // Listening starts with the host, before any engine loads; instruments made earlier are published then too.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public string Render()
    {
        // Observable series are rebuilt per scrape; two scrapes at once would see each other's half-built ones.
        lock (_rendering) return RenderLocked();
    }

    private string RenderLocked()
    {
        foreach (var family in _families.Values.Where(f => f.IsObservable)) family.Reset();
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)) family.Render(text);
        return text.ToString();
    }

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!IsExported(instrument.Meter)) return;
        var family = _families.GetOrAdd(PrometheusNames.For(instrument), _ => new MetricFamily(instrument));
        // Two instruments of one name (a meter made twice) share nothing: the first one keeps the name.
        if (family.Matches(instrument)) listener.EnableMeasurementEvents(instrument, family);
        else _logger.LogDebug("Metric {Name} is already exported; {Meter}/{Instrument} is left out", family.Name, instrument.Meter.Name, instrument.Name);
    }

    private void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        try
        {
            ((MetricFamily)state!).Record(value, tags);
        }
        catch (Exception error)
        {
            // Measurements are recorded on the caller's thread (the engine's, too): metrics must never fail it.
            _logger.LogDebug(error, "Could not record a measurement");
        }
    }

    public void Dispose() => _listener.Dispose();
}
