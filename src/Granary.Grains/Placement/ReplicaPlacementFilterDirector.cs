using Granary.Grains.Abstractions;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Granary.Grains.Placement;

/// <summary>
/// Keeps the candidate silos that carry the replica's model (silo metadata) and are the silo named
/// in its key. When that silo is gone no candidate is left, so the replica is never re-activated
/// somewhere without its engine; the failed call tells the routing table to drop it.
/// </summary>
internal sealed class ReplicaPlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var key = ReplicaKey.Parse(target.GrainIdentity.Key.ToString()!);
        return silos.Where(silo => silo.ToParsableString() == key.Silo && Carries(silo, key.Model));
    }

    private bool Carries(SiloAddress silo, string model) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloMetadataKeys.Models, out var models)
        && models.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(model, StringComparer.Ordinal);
}
