using Microsoft.Extensions.Hosting;

namespace Granary.Grains.Routing;

/// <summary>
/// Sweeps the routing table twice a second, so a replica whose silo died or went silent is dropped
/// (and the requests streaming from it resume elsewhere) even while nothing is being routed.
/// </summary>
internal sealed class ReplicaTableSweeper(ReplicaTable table) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken)) table.Sweep();
    }
}
