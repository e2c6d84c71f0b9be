using Microsoft.Extensions.Hosting;

namespace Granary.Grains.Routing;

/// <summary>
/// Sweeps the routing table twice a second, so a replica whose silo died or went silent is dropped
/// (and the requests streaming from it resume elsewhere) even while nothing is being routed; and
/// publishes the table's per-model demand gauges.
/// </summary>
internal sealed class ReplicaTableSweeper(ReplicaTable table, ClusterMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.Observe(table);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken)) table.Sweep();
    }
}
