using System.Runtime.CompilerServices;
using Granary.Api;
using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;

namespace Granary.Server.Cluster;

/// <summary>
/// The HTTP layer's way into the cluster: picks a replica (the session's, else the least loaded),
/// streams from its grain, and when the replica is gone before it sent anything, drops it and
/// tries another.
/// </summary>
internal sealed class GrainInferenceClient(IGrainFactory grains, ILogger<GrainInferenceClient> logger) : IInferenceClient
{
    private const int Attempts = 4;

    // Until membership declares a killed silo dead (two missed 2 s probes, then the votes: 4-10 s),
    // grains it hosted or whose directory entries it owned can answer from stale state, so a
    // request arriving in a failover waits this long for a replica before it is told 503.
    private static readonly TimeSpan ReplicaPatience = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct)
    {
        var cards = await ControlPlaneCalls.RetryAsync(() => Catalog.List(), ct);
        var live = await Task.WhenAll(cards.Select(async card => (card, replicas: await ControlPlaneCalls.RetryAsync(() => Router(card.Id).GetReplicas(), ct))));
        return live.Where(m => m.replicas.Count > 0).Select(m => m.card).ToArray();
    }

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var session = SessionKeys.For(request, sessionId) is { } id ? grains.GetGrain<ISessionGrain>(SessionKeys.Grain(model, id)) : null;
        var replicaKey = await ControlPlaneCalls.RetryAsync(() => session is null ? Router(model).Pick() : session.Resolve(), ct);
        for (var attempt = 1; ; attempt++)
        {
            replicaKey ??= await AwaitReplica(model, servedBefore: attempt > 1, ct);
            var replica = grains.GetGrain<IModelReplicaGrain>(replicaKey);
            await using var events = replica.Generate(request, ct).GetAsyncEnumerator(ct);
            var sentAny = false;
            while (true)
            {
                GenerationEvent current;
                try
                {
                    if (!await events.MoveNextAsync()) yield break;
                    current = events.Current;
                }
                catch (Exception error) when (!sentAny && attempt < Attempts && ControlPlaneCalls.IsTransient(error) && !ct.IsCancellationRequested)
                {
                    logger.LogWarning("Replica {Replica} is gone ({Error}); retrying {Model} elsewhere", replicaKey, error.GetType().Name, model);
                    var failed = replicaKey;
                    replicaKey = await ControlPlaneCalls.RetryAsync(() => session is null ? Failover(model, failed) : session.Rebind(failed), ct);
                    break;
                }
                sentAny = true;
                yield return current;
            }
        }
    }

    public async Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct) =>
        await (await AnyReplica(model, ct)).Tokenize(prompt, returnTokenStrings);

    public async Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct) =>
        await (await AnyReplica(model, ct)).Detokenize(tokenIds);

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        var cards = await ControlPlaneCalls.RetryAsync(() => Catalog.List(), ct);
        if (cards.Count == 0) return false;
        var ready = await Task.WhenAll(cards.Select(async c =>
            (await ControlPlaneCalls.RetryAsync(() => Router(c.Id).GetReplicas(), ct)).Any(r => r.Stats.HasGenerated)));
        return ready.All(r => r);
    }

    private IModelCatalogGrain Catalog => grains.GetGrain<IModelCatalogGrain>(0);

    private IModelRouterGrain Router(string model) => grains.GetGrain<IModelRouterGrain>(model);

    private async Task<IModelReplicaGrain> AnyReplica(string model, CancellationToken ct) =>
        await ControlPlaneCalls.RetryAsync(() => Router(model).Pick(), ct) is { } key
            ? grains.GetGrain<IModelReplicaGrain>(key)
            : throw await NoReplica(model, ct);

    /// <summary>
    /// A known model whose replicas are failing over (or still loading) may gain one within a few
    /// heartbeats, so wait before answering 503; an unknown model is a 404 at once. A model this
    /// request was already routed for stays known even while the catalog, failing over itself, has
    /// forgotten it.
    /// </summary>
    private async Task<string> AwaitReplica(string model, bool servedBefore, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReplicaPatience;
        while ((servedBefore || await IsKnown(model, ct)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            if (await ControlPlaneCalls.RetryAsync(() => Router(model).Pick(), ct) is { } key) return key;
        }
        throw servedBefore ? Unavailable(model) : await NoReplica(model, ct);
    }

    private async Task<bool> IsKnown(string model, CancellationToken ct) =>
        (await ControlPlaneCalls.RetryAsync(() => Catalog.List(), ct)).Any(c => c.Id == model);

    private async Task<string?> Failover(string model, string failed)
    {
        await Router(model).Remove(failed);
        return await Router(model).Pick();
    }

    private static ServiceUnavailableException Unavailable(string model) =>
        new($"The model '{model}' has no live replica right now; try again shortly.");

    private async Task<Exception> NoReplica(string model, CancellationToken ct)
    {
        return await IsKnown(model, ct)
            ? Unavailable(model)
            : new ModelNotFoundException(model, (await ListModelsAsync(ct)).Select(m => m.Id).ToArray());
    }
}
