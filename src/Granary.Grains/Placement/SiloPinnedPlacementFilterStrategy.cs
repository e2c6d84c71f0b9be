using Orleans.Placement;

namespace Granary.Grains.Placement;

internal sealed class SiloPinnedPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
