namespace Granary.Grains.Routing;

/// <summary>
/// Routing by load alone: <see cref="PrefixAwarePolicy"/>'s load terms, ties and exclusions, with the
/// prompt's blocks ignored. The baseline prefix-aware routing is measured against (`--routing load`).
/// </summary>
public sealed class LeastLoadedPolicy(Random? random = null) : IRoutingPolicy
{
    private readonly PrefixAwarePolicy _inner = new(random);

    public RoutingDecision? Pick(RoutingRequest request, IReadOnlyList<RoutingCandidate> candidates) =>
        _inner.Pick(request with { PromptTokens = 0, Blocks = [] }, candidates);
}
