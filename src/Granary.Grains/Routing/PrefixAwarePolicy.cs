namespace Granary.Grains.Routing;

/// <summary>
/// Routes to the replica where the request's first token is expected soonest. The cost model, in
/// prompt tokens of work ahead of the request's first token (README "Routing"):
/// <code>
/// cost = (prompt tokens − cached tokens there)      prefill it must compute
///      + QueuedRequestCost × (waiting + dispatched)  each request ahead is about one prefill
///      + RunningSequenceCost × running               each running stream shares every step
///      + KvPressureCost × max(0, kv usage − 0.8)/0.2 a nearly full pool preempts and evicts
/// </code>
/// Cached tokens are the leading blocks of the prompt found in the replica's heartbeat summary,
/// counted up to the first miss, as the prefix cache attaches them. A cached prefix wins until
/// the replica's queue costs more than recomputing it elsewhere; with nothing cached, the least
/// loaded wins. Equal costs are broken at random, so no replica wins by registration order.
/// A session's replica is kept while its cost is within <see cref="SessionSlack"/> of the best.
/// Draining replicas are never chosen; stale ones (no heartbeat for <see cref="StaleAfter"/>) only
/// when no fresh one is left, as is the replica to avoid.
/// </summary>
public sealed class PrefixAwarePolicy(Random? random = null) : IRoutingPolicy
{
    public const double QueuedRequestCost = 512;
    public const double RunningSequenceCost = 32;
    public const double KvPressureCost = 4096;
    public const double SessionSlack = 2 * QueuedRequestCost;
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(3);

    private const double KvPressureFrom = 0.8;
    private readonly Random _random = random ?? Random.Shared;

    public RoutingDecision? Pick(RoutingRequest request, IReadOnlyList<RoutingCandidate> candidates)
    {
        var eligible = Prefer(candidates.Where(c => !c.Draining).ToArray(), c => c.Age <= StaleAfter);
        eligible = Prefer(eligible, c => c.Key != request.Avoid);
        if (eligible.Length == 0) return null;

        var scored = eligible.Select(c => (Candidate: c, Cached: CachedTokens(request, c))).Select(s => (s.Candidate, s.Cached, Cost: Cost(request, s.Candidate, s.Cached))).ToArray();
        var best = scored.Min(s => s.Cost);
        if (request.Preferred is { } preferred && scored.FirstOrDefault(s => s.Candidate.Key == preferred) is { Candidate: not null } session
            && session.Cost <= best + SessionSlack)
            return new RoutingDecision(session.Candidate.Key, session.Cached, RoutingDecision.Session);
        var ties = scored.Where(s => s.Cost <= best + 1e-6).ToArray();
        var chosen = ties[ties.Length == 1 ? 0 : _random.Next(ties.Length)];
        return new RoutingDecision(chosen.Candidate.Key, chosen.Cached, chosen.Cached > 0 ? RoutingDecision.Prefix : RoutingDecision.Load);
    }

    /// <summary>Prompt tokens the replica's prefix cache is expected to supply: its summary's run of the prompt's leading blocks.</summary>
    public static int CachedTokens(RoutingRequest request, RoutingCandidate candidate)
    {
        if (request.BlockSize <= 0 || candidate.BlockSize != request.BlockSize) return 0;
        var blocks = 0;
        while (blocks < request.Blocks.Count && candidate.CachedBlocks.Contains(request.Blocks[blocks])) blocks++;
        return blocks * request.BlockSize;
    }

    public static double Cost(RoutingRequest request, RoutingCandidate candidate, int cachedTokens) =>
        Math.Max(request.PromptTokens - cachedTokens, 0)
        + QueuedRequestCost * (candidate.Waiting + candidate.Dispatched)
        + RunningSequenceCost * candidate.Running
        + KvPressureCost * Math.Max(0, candidate.KvCacheUsage - KvPressureFrom) / (1 - KvPressureFrom);

    private static RoutingCandidate[] Prefer(RoutingCandidate[] candidates, Func<RoutingCandidate, bool> wanted) =>
        candidates.Any(wanted) ? candidates.Where(wanted).ToArray() : candidates;
}
