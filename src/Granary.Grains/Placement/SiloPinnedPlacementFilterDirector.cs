using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Granary.Grains.Placement;

/// <summary>
/// Keeps only the silo the grain's key names. Such a grain can never have a twin elsewhere, so it
/// needs no strongly consistent directory: after any membership change it is where it was.
/// </summary>
internal sealed class SiloPinnedPlacementFilterDirector : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var key = target.GrainIdentity.Key.ToString();
        return silos.Where(silo => silo.ToParsableString() == key);
    }
}
