using Orleans.Placement;

namespace Granary.Grains.Placement;

/// <summary>Keeps session grains off worker silos when any other silo exists.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class ControlPlanePlacementFilterAttribute() : PlacementFilterAttribute(new ControlPlanePlacementFilterStrategy());
