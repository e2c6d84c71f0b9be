namespace Granary.Server.Telemetry;

internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
