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
    private const int Attempts = 3;

    public async Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct)
    {
        var cards = await grains.GetGrain<IModelCatalogGrain>(0).List();
        var live = await Task.WhenAll(cards.Select(async card => (card, replicas: await Router(card.Id).GetReplicas())));
        return live.Where(m => m.replicas.Count > 0).Select(m => m.card).ToArray();
    }

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var session = SessionKeys.For(request, sessionId) is { } id ? grains.GetGrain<ISessionGrain>(SessionKeys.Grain(model, id)) : null;
        var replicaKey = session is null ? await Router(model).Pick() : await session.Resolve();
        for (var attempt = 1; ; attempt++)
        {
            if (replicaKey is null) throw await NoReplica(model);
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
                catch (Exception error) when (!sentAny && attempt < Attempts && IsReplicaLoss(error) && !ct.IsCancellationRequested)
                {
                    logger.LogWarning(error, "Replica {Replica} is gone; retrying {Model} elsewhere", replicaKey, model);
                    replicaKey = session is null ? await Failover(model, replicaKey) : await session.Rebind(replicaKey);
                    break;
                }
                sentAny = true;
                yield return current;
            }
        }
    }

    public async Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct) =>
        await (await AnyReplica(model)).Tokenize(prompt, returnTokenStrings);

    public async Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct) =>
        await (await AnyReplica(model)).Detokenize(tokenIds);

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        var cards = await grains.GetGrain<IModelCatalogGrain>(0).List();
        if (cards.Count == 0) return false;
        var ready = await Task.WhenAll(cards.Select(async c => (await Router(c.Id).GetReplicas()).Any(r => r.Stats.HasGenerated)));
        return ready.All(r => r);
    }

    private IModelRouterGrain Router(string model) => grains.GetGrain<IModelRouterGrain>(model);

    private async Task<IModelReplicaGrain> AnyReplica(string model) =>
        await Router(model).Pick() is { } key ? grains.GetGrain<IModelReplicaGrain>(key) : throw await NoReplica(model);

    private async Task<string?> Failover(string model, string failed)
    {
        await Router(model).Remove(failed);
        return await Router(model).Pick();
    }

    private async Task<Exception> NoReplica(string model)
    {
        var served = await ListModelsAsync(CancellationToken.None);
        var known = (await grains.GetGrain<IModelCatalogGrain>(0).List()).Any(c => c.Id == model);
        return known
            ? new ServiceUnavailableException($"The model '{model}' has no live replica right now; try again shortly.")
            : new ModelNotFoundException(model, served.Select(m => m.Id).ToArray());
    }

    // The replica's silo died or it could not be placed: its grain call fails with an Orleans error.
    private static bool IsReplicaLoss(Exception error) => error is OrleansException or TimeoutException or EnumerationAbortedException;
}
