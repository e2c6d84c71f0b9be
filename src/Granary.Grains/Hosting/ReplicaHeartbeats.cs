using Granary.Grains.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Granary.Grains.Hosting;

/// <summary>
/// Reports every joined replica of this silo to every routing table, once per heartbeat interval.
/// A silo service rather than a grain timer: it keeps beating whatever happens to activations.
/// </summary>
internal sealed class ReplicaHeartbeats(EngineHost host, ReplicaTables tables, IOptions<WorkerOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await Task.WhenAll(host.All.Where(r => r.Joined && !r.Leaving.IsCancellationRequested).Select(r => tables.Heartbeat(r.Status())));
    }
}
