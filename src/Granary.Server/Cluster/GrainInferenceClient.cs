using System.Runtime.CompilerServices;
using Granary.Api;
using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;

namespace Granary.Server.Cluster;

/// <summary>
/// The HTTP layer's way into the cluster. Routes with this silo's replica table (the session's
/// replica, else the least loaded), streams from the replica's grain, and when that replica goes
/// away mid-request, resumes the request on another from what the client already received: the
/// client sees one uninterrupted stream.
/// </summary>
internal sealed class GrainInferenceClient(IGrainFactory grains, ReplicaTable table, IHostApplicationLifetime lifetime, ILogger<GrainInferenceClient> logger)
    : IInferenceClient
{
    // A replica lost mid-request: how often to move on, and how long to wait for a replacement.
    private const int MaxFailovers = 8;
    private static readonly TimeSpan FailoverPatience = TimeSpan.FromSeconds(15);

    // A new request for a known model with no replica waits this long for one before its 503.
    private static readonly TimeSpan RoutePatience = TimeSpan.FromSeconds(2);

    // A session grain whose silo just died answers after membership notices (seconds): route without it meanwhile.
    private static readonly TimeSpan SessionPatience = TimeSpan.FromSeconds(1);

    public Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct) => Task.FromResult(table.Models());

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            throw new ServiceUnavailableException("This server is shutting down; send the request to another.", UnavailableCodes.ShuttingDown, 1);
        var session = SessionKeys.For(request, sessionId) is { } id ? grains.GetGrain<ISessionGrain>(SessionKeys.Grain(model, id)) : null;
        var replica = await RouteAsync(model, session, ct);
        var progress = new StreamProgress(request.Sampling.N);
        for (var failovers = 0; ; failovers++)
        {
            var attempt = progress.HasOutput ? request with { Resume = progress.ToResumePoint() } : request;
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct, table.LostToken(replica));
            await using var events = grains.GetGrain<IModelReplicaGrain>(replica).Generate(attempt, lost.Token).GetAsyncEnumerator(lost.Token);
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync()) yield break;
                }
                catch (Exception error) when (!ct.IsCancellationRequested && failovers < MaxFailovers
                    && (error is OperationCanceledException || ReplicaFailures.IsReplicaGone(error)))
                {
                    logger.LogWarning("Request {Request}: replica {Replica} went away ({Error}); resuming after {Tokens} tokens",
                        request.RequestId, replica, error is OperationCanceledException ? "dropped from routing" : error.GetType().Name, progress.TokenCount);
                    replica = await FailoverAsync(model, session, replica, ct);
                    break;
                }
                var item = events.Current;
                if (item.Prompt is not null && progress.PromptSent) continue; // a resumed stream's own prompt event
                progress.Record(item);
                yield return item;
            }
        }
    }

    public async Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct) =>
        await grains.GetGrain<IModelReplicaGrain>(await RouteAsync(model, null, ct)).Tokenize(prompt, returnTokenStrings);

    public async Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct) =>
        await grains.GetGrain<IModelReplicaGrain>(await RouteAsync(model, null, ct)).Detokenize(tokenIds);

    public Task<bool> IsReadyAsync(CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return Task.FromResult(false); // load balancers stop sending
        var models = table.Models();
        var replicas = table.Replicas();
        return Task.FromResult(models.Count > 0 && models.All(m => replicas.Any(r => r.Key.Model == m.Id && !r.Draining && r.Stats.HasGenerated)));
    }

    /// <summary>The replica for a new request: the session's when it has one, else the least loaded; a 404 or a 503 when there is none.</summary>
    private async Task<string> RouteAsync(string model, ISessionGrain? session, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + RoutePatience;
        while (true)
        {
            if (await PickAsync(model, session, ct) is { } replica) return replica;
            var card = table.Models().FirstOrDefault(m => m.Id == model)
                ?? throw new ModelNotFoundException(model, table.Models().Select(m => m.Id).ToArray());
            if (DateTime.UtcNow >= deadline) throw Unavailable(card);
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private async Task<string?> PickAsync(string model, ISessionGrain? session, CancellationToken ct)
    {
        if (session is null) return table.Pick(model);
        try
        {
            return await session.Resolve().WaitAsync(SessionPatience, ct) ?? table.Pick(model);
        }
        catch (Exception error) when (!ct.IsCancellationRequested && (error is TimeoutException || ReplicaFailures.IsReplicaGone(error)))
        {
            return table.Pick(model);
        }
    }

    /// <summary>Drops the replica that went away and waits (boundedly) for another to resume on.</summary>
    private async Task<string> FailoverAsync(string model, ISessionGrain? session, string failed, CancellationToken ct)
    {
        table.Remove(failed, "a request's call to it failed");
        var deadline = DateTime.UtcNow + FailoverPatience;
        while (true)
        {
            if (await RebindAsync(model, session, failed, ct) is { } next) return next;
            if (DateTime.UtcNow >= deadline)
            {
                throw new ServiceUnavailableException(
                    $"The replica serving this request went away and no other replica of '{model}' took it over within {FailoverPatience.TotalSeconds:0}s; try again shortly.",
                    UnavailableCodes.ReplicaLost, 5);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private async Task<string?> RebindAsync(string model, ISessionGrain? session, string failed, CancellationToken ct)
    {
        if (session is null) return table.Pick(model, avoid: failed);
        try
        {
            var next = await session.Rebind(failed).WaitAsync(SessionPatience, ct);
            return next != failed ? next : table.Pick(model, avoid: failed);
        }
        catch (Exception error) when (!ct.IsCancellationRequested && (error is TimeoutException || ReplicaFailures.IsReplicaGone(error)))
        {
            return table.Pick(model, avoid: failed);
        }
    }

    private static ServiceUnavailableException Unavailable(ModelCard card) => card.State switch
    {
        ModelStates.Loading => new($"The model '{card.Id}' is still loading; try again shortly.", UnavailableCodes.ModelLoading, 5),
        ModelStates.Draining => new($"Every replica of '{card.Id}' is shutting down; try again shortly.", UnavailableCodes.ReplicasDraining, 2),
        _ => new($"The model '{card.Id}' has no live replica right now; try again shortly.", UnavailableCodes.NoReplica, 5),
    };
}
