using System.Diagnostics.Metrics;
using Granary.Grains.Hosting;
using Microsoft.Extensions.Hosting;

namespace Granary.Grains.Telemetry;

/// <summary>This silo's replicas per model and state: each worker reports only the replicas it hosts, so summing over pods never double counts.</summary>
internal sealed class ReplicaInstruments : IHostedService, IDisposable
{
    public const string MeterName = "Granary.Replicas";

    private readonly Meter _meter;

    public ReplicaInstruments(EngineHost host, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("granary.replicas", () => host.All
            .GroupBy(r => (r.Key.Model, State: r.Draining ? "draining" : r.Joined ? "serving" : "starting"))
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("model_name", g.Key.Model), new("state", g.Key.State))),
            "{replica}", "Model replicas hosted by this process, by state.");
    }

    // A hosted service only so that the host creates it (and its gauge) at start.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();
}
