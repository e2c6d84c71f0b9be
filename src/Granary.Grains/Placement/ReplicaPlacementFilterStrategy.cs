using Orleans.Placement;

namespace Granary.Grains.Placement;

internal sealed class ReplicaPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
