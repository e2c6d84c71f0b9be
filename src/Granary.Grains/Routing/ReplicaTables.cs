using Granary.Grains.Abstractions;
using Granary.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Granary.Grains.Routing;

/// <summary>Sends a replica's news to the routing table of every active silo that serves the API.</summary>
public sealed class ReplicaTables(IGrainFactory grains, IClusterMembershipService membership, ISiloMetadataCache metadata, ILogger<ReplicaTables> logger)
{
    // A table on a silo that is dying must not hold up the heartbeats of the others.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    public Task Heartbeat(ReplicaStatus status) => Broadcast(table => table.Heartbeat(status));

    public Task Remove(ReplicaKey key) => Broadcast(table => table.Remove(key.ToString()));

    private async Task Broadcast(Func<IReplicaTableGrain, Task> call)
    {
        var tables = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && ServesApi(m.SiloAddress))
            .Select(m => grains.GetGrain<IReplicaTableGrain>(m.SiloAddress.ToParsableString()));
        await Task.WhenAll(tables.Select(async table =>
        {
            try
            {
                await call(table).WaitAsync(CallTimeout);
            }
            catch (Exception error)
            {
                // The next heartbeat tries again; membership will soon drop a silo that stays unreachable.
                logger.LogDebug("Heartbeat to table {Table} failed: {Error}", table.GetPrimaryKeyString(), error.Message);
            }
        }));
    }

    private bool ServesApi(SiloAddress silo) =>
        metadata.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloMetadataKeys.Role) is { } role && role != "worker";
}
