using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Granary.Grains.Hosting;

/// <summary>
/// Scales a model's replicas on this silo with its queue: when every local replica keeps requests
/// waiting for several checks in a row, another engine starts (up to the maximum); an extra replica
/// that stays idle long enough is retired. Standing replicas are never retired. Each action is
/// logged and counted (granary.autoscaler.actions) with its reason; the gateways move queued
/// requests onto a new replica (<c>QueuedRequestMover</c>), so it takes work at once.
/// </summary>
internal sealed class ReplicaAutoscaler(IOptions<WorkerOptions> options, EngineHost host, ReplicaLauncher launcher, ClusterMetrics metrics, ILogger<ReplicaAutoscaler> logger)
    : BackgroundService
{
    private readonly Dictionary<string, int> _pressure = [];
    private readonly Dictionary<string, DateTime> _idleSince = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.ScaleCheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var model in settings.Models)
            {
                try
                {
                    await CheckAsync(model, settings, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A replica that cannot start (out of memory, say) must not stop the ones running.
                    logger.LogWarning(error, "Scaling {Model} failed", model.Name);
                }
            }
        }
    }

    private async Task CheckAsync(EngineOptions model, WorkerOptions settings, CancellationToken cancellationToken)
    {
        var replicas = host.Replicas(model.Name);
        if (replicas.Count < settings.ReplicasPerModel) return; // still starting

        var queueing = replicas.All(r => r.Engine.GetStats().Waiting > 0);
        _pressure[model.Name] = queueing ? _pressure.GetValueOrDefault(model.Name) + 1 : 0;
        if (_pressure[model.Name] >= settings.ScaleUpAfterChecks && replicas.Count < settings.MaxReplicasPerModel)
        {
            var index = Enumerable.Range(0, settings.MaxReplicasPerModel).First(i => replicas.All(r => r.Key.Index != i));
            var waiting = replicas.Sum(r => r.Engine.GetStats().Waiting);
            logger.LogInformation("Autoscaler: adding {Model} replica {Index}: every local replica had requests waiting for {Checks} checks in a row ({Waiting} waiting now)",
                model.Name, index, _pressure[model.Name], waiting);
            metrics.Scaled(model.Name, "add", "queueing");
            _pressure[model.Name] = 0;
            await launcher.StartAsync(model, index, cancellationToken);
            return;
        }

        foreach (var replica in replicas.Where(r => r.Key.Index >= settings.ReplicasPerModel))
        {
            var (key, id) = (replica.Key, replica.Key.ToString());
            if (replica.Engine.GetStats().QueueDepth > 0)
            {
                _idleSince.Remove(id);
                continue;
            }
            var since = _idleSince.TryGetValue(id, out var start) ? start : _idleSince[id] = DateTime.UtcNow;
            if (DateTime.UtcNow - since < settings.ScaleDownAfter) continue;
            _idleSince.Remove(id);
            logger.LogInformation("Autoscaler: retiring {Model} replica {Index}: idle for {Seconds:0}s", key.Model, key.Index, (DateTime.UtcNow - since).TotalSeconds);
            metrics.Scaled(key.Model, "retire", "idle");
            await launcher.RetireAsync(key, settings.DrainTimeout, cancellationToken);
            return; // one change per check
        }
    }
}
