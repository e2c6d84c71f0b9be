using Orleans.Placement;

namespace Granary.Grains.Placement;

/// <summary>Keeps routing state (routers, sessions, the catalog) off worker silos when any other silo exists.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class ControlPlanePlacementFilterAttribute() : PlacementFilterAttribute(new ControlPlanePlacementFilterStrategy());
