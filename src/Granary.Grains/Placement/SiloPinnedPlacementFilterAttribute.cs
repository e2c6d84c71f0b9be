using Orleans.Placement;

namespace Granary.Grains.Placement;

/// <summary>Places a grain keyed by a silo address only on that silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloPinnedPlacementFilterAttribute() : PlacementFilterAttribute(new SiloPinnedPlacementFilterStrategy());
