using Granary.Api.WebConsole;
using Granary.Grains.Placement;
using Granary.Grains.Routing;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Granary.Server.WebConsole;

/// <summary>
/// The console's cluster view from this gateway's own state: Orleans membership for the silos (dead
/// ones left out), their published metadata for role and models, and the routing table for the
/// models and replicas. No grain calls, so a slow or dying silo cannot stall the page.
/// </summary>
internal sealed class OrleansClusterView(
    ReplicaTable table, IClusterMembershipService membership, ISiloMetadataCache metadata, ILocalSiloDetails local) : IClusterView
{
    public Task<ClusterSnapshot> SnapshotAsync(CancellationToken ct)
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is not (SiloStatus.Dead or SiloStatus.None))
            .OrderBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .Select(Describe)
            .ToArray();
        var replicas = table.Replicas()
            .Select(r => new ReplicaSnapshot(r.Key.Model, r.Key.Silo, r.Key.Index, r.Draining, r.Stats))
            .ToArray();
        return Task.FromResult(new ClusterSnapshot(local.SiloAddress.ToParsableString(), silos, table.Models(), replicas));
    }

    private SiloSnapshot Describe(ClusterMember member)
    {
        var published = metadata.GetSiloMetadata(member.SiloAddress).Metadata;
        var models = published.GetValueOrDefault(SiloMetadataKeys.Models)?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new SiloSnapshot(
            member.SiloAddress.ToParsableString(),
            member.Name,
            member.Status.ToString().ToLowerInvariant(),
            published.GetValueOrDefault(SiloMetadataKeys.Role) ?? "",
            models);
    }
}
