using Orleans.Placement;

namespace Granary.Grains.Placement;

internal sealed class ControlPlanePlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
