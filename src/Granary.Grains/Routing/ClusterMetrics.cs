using System.Diagnostics.Metrics;
using Granary.Grains.Abstractions;

namespace Granary.Grains.Routing;

/// <summary>
/// The cluster's routing and scaling instruments, on the "Granary.Cluster" meter: every routing
/// decision and autoscaler action (with why), and per-model demand gauges from this silo's replica
/// table that KEDA or an HPA scale worker pods on (<c>granary.model.waiting</c>, <c>granary.model.desired_replicas</c>).
/// </summary>
public sealed class ClusterMetrics
{
    public const string MeterName = "Granary.Cluster";

    private readonly Meter _meter;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _cachedTokens;
    private readonly Counter<long> _scaling;
    private readonly Counter<long> _moved;
    private int _observing;

    public ClusterMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _decisions = _meter.CreateCounter<long>("granary.router.decisions", "{request}", "Requests routed, by model and the reason the replica won (prefix, load, session).");
        _cachedTokens = _meter.CreateCounter<long>("granary.router.expected_cached_tokens", "{token}", "Prompt tokens the router expected the chosen replica's prefix cache to supply.");
        _moved = _meter.CreateCounter<long>("granary.router.moved", "{request}", "Queued requests moved to a replica with room (one just added included).");
        _scaling = _meter.CreateCounter<long>("granary.autoscaler.actions", "{action}", "Replicas the in-cluster autoscaler added or retired, by model, action and reason.");
    }

    public void Routed(string model, RoutingDecision decision)
    {
        var tags = new KeyValuePair<string, object?>[] { new("model", model), new("reason", decision.Reason) };
        _decisions.Add(1, tags);
        if (decision.CachedTokens > 0) _cachedTokens.Add(decision.CachedTokens, new KeyValuePair<string, object?>("model", model));
    }

    public void Moved(string model) => _moved.Add(1, new KeyValuePair<string, object?>("model", model));

    public void Scaled(string model, string action, string reason) =>
        _scaling.Add(1, new("model", model), new("action", action), new("reason", reason));

    /// <summary>Publishes the table's per-model demand; once per process (one table per silo).</summary>
    public void Observe(ReplicaTable table)
    {
        if (Interlocked.Exchange(ref _observing, 1) == 1) return;
        _meter.CreateObservableGauge("granary.model.waiting", () => PerModel(table, r => r.Sum(s => s.Stats.Waiting)), "{request}",
            "Requests queued on the model's replicas, not yet running.");
        _meter.CreateObservableGauge("granary.model.running", () => PerModel(table, r => r.Sum(s => s.Stats.Running)), "{request}",
            "Requests running on the model's replicas.");
        _meter.CreateObservableGauge("granary.model.replicas", () => PerModel(table, r => r.Count(s => !s.Draining)), "{replica}",
            "The model's live replicas that take requests.");
        _meter.CreateObservableGauge("granary.model.desired_replicas", () => PerModel(table, DemandModel.DesiredReplicas), "{replica}",
            "Replicas the model needs to run every queued request at its replicas' current batch size: the signal to add worker pods.");
    }

    private static IEnumerable<Measurement<int>> PerModel(ReplicaTable table, Func<IReadOnlyList<ReplicaStatus>, int> value) =>
        table.Replicas().GroupBy(r => r.Key.Model).Select(g => new Measurement<int>(value(g.ToArray()), new KeyValuePair<string, object?>("model", g.Key)));
}
