using System.Diagnostics.Metrics;
using Granary.Grains.Routing;
using Microsoft.Extensions.Hosting;

namespace Granary.Grains.Telemetry;

/// <summary>
/// The replicas this API silo's routing table can send requests to, by model and state. It is
/// this gateway's view (take the max across gateways, not the sum); the replicas themselves are
/// counted by the workers that host them (granary_replicas).
/// </summary>
internal sealed class RoutingInstruments : IHostedService, IDisposable
{
    public const string MeterName = "Granary.Routing";

    private readonly Meter _meter;

    public RoutingInstruments(ReplicaTable table, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("granary.routing.replicas", () => table.Replicas()
            .GroupBy(r => (r.Key.Model, State: r.Draining ? "draining" : "serving"))
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("model_name", g.Key.Model), new("state", g.Key.State))),
            "{replica}", "Replicas in this gateway's routing table, by state.");
    }

    // A hosted service only so that the host creates it (and its gauge) at start.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();
}
