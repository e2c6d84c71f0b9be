using Orleans.Placement;

namespace Granary.Grains.Placement;

/// <summary>Places a replica grain only on the silo its key names, and only if that silo's metadata lists the model.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class ReplicaPlacementFilterAttribute() : PlacementFilterAttribute(new ReplicaPlacementFilterStrategy());
