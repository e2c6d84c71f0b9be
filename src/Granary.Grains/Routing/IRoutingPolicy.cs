namespace Granary.Grains.Routing;

/// <summary>
/// Chooses the replica for a request from the live replicas' last heartbeats. Pure: no Orleans,
/// no clock, no I/O, so the choice itself is unit-tested; the table supplies the candidates.
/// </summary>
public interface IRoutingPolicy
{
    /// <summary>The chosen replica and why, or null when no candidate takes new requests.</summary>
    RoutingDecision? Pick(RoutingRequest request, IReadOnlyList<RoutingCandidate> candidates);
}
