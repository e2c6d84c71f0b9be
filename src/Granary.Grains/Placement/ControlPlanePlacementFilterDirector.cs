using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Granary.Grains.Placement;

/// <summary>
/// Workers are the silos most likely to go (they hold GPUs and big models); routing state placed
/// on gateways survives them, so a dead worker costs only its own replicas.
/// </summary>
internal sealed class ControlPlanePlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos.ToArray();
        var preferred = candidates.Where(s => metadata.GetSiloMetadata(s).Metadata.GetValueOrDefault(SiloMetadataKeys.Role) != "worker").ToArray();
        return preferred.Length > 0 ? preferred : candidates;
    }
}
