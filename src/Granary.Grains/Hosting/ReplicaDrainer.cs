using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Granary.Grains.Hosting;

/// <summary>
/// Graceful shutdown of a worker: before anything else stops (the silo included), every local
/// replica leaves routing, finishes its requests within the drain timeout, and hands over the
/// rest so their callers resume them on other replicas. Only then does the silo leave the cluster.
/// </summary>
internal sealed class ReplicaDrainer(EngineHost host, ReplicaLauncher launcher, IOptions<WorkerOptions> options, ILogger<ReplicaDrainer> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var keys = host.All.Select(r => r.Key).ToArray();
        if (keys.Length == 0) return;
        logger.LogInformation("Draining {Count} replicas (up to {Timeout}s)", keys.Length, options.Value.DrainTimeout.TotalSeconds);
        await Task.WhenAll(keys.Select(async key =>
        {
            try
            {
                await launcher.RetireAsync(key, options.Value.DrainTimeout, cancellationToken);
            }
            catch (Exception error)
            {
                logger.LogWarning("Replica {Replica} did not drain cleanly: {Error}", key, error.Message);
            }
        }));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
