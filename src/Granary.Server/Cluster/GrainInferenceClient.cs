using System.Runtime.CompilerServices;
using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Granary.Serving;

namespace Granary.Server.Cluster;

/// <summary>
/// The HTTP layer's way into the cluster. Tokenizes the prompt to route it by cached prefix and
/// load (a session's replica as a hint), streams from the replica's grain, moves a request still
/// queued there to a replica with room, and when that replica goes away mid-request, resumes the
/// request on another from what the client already received: the client sees one uninterrupted stream.
/// </summary>
internal sealed class GrainInferenceClient(
    IGrainFactory grains, ReplicaTable table, ReplicaRouting routing, PromptBlocks prompts, QueuedRequests queue,
    IHostApplicationLifetime lifetime, ILogger<GrainInferenceClient> logger)
    : IInferenceClient
{
    // How often one request may move on to another replica before its failure is taken as its own.
    private const int MaxFailovers = 8;

    // A queued request moves at most this often, so two replicas that both fill up cannot bounce it.
    private const int MaxMoves = 2;

    private static readonly TimeSpan MoveCheck = TimeSpan.FromMilliseconds(250);

    public Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct) => Task.FromResult(table.Models());

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            throw new ServiceUnavailableException("This server is shutting down; send the request to another.", UnavailableCodes.ShuttingDown, 1);
        var session = SessionKeys.For(sessionId) is { } id ? grains.GetGrain<ISessionGrain>(SessionKeys.Grain(model, id)) : null;
        var routingRequest = await prompts.ForAsync(model, request.Prompt, ct);
        var replica = await routing.RouteAsync(model, session, routingRequest, ct);
        var progress = new StreamProgress(request.Sampling.N);
        var moves = 0;
        for (var failovers = 0; ; failovers++)
        {
            var attempt = progress.HasOutput ? request with { Resume = progress.ToResumePoint() } : request;
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct, table.LostToken(replica));
            await using var events = grains.GetGrain<IModelReplicaGrain>(replica).Generate(attempt, lost.Token).GetAsyncEnumerator(lost.Token);
            // Until its first event a request may be queued there; it moves when a replica with room appears.
            var queued = progress.PromptSent || progress.HasOutput || moves >= MaxMoves ? null : queue.Enter(replica);
            try
            {
                while (true)
                {
                    try
                    {
                        bool more;
                        if (queued is null)
                        {
                            more = await events.MoveNextAsync();
                        }
                        else
                        {
                            var next = events.MoveNextAsync().AsTask();
                            if (await WaitOrMoveAsync(model, request, next, queued, ct) is { } target)
                            {
                                await lost.CancelAsync();
                                await Observe(next);
                                replica = target;
                                moves++;
                                break;
                            }
                            more = await next;
                        }
                        if (!more) yield break;
                    }
                    catch (Exception error) when (!ct.IsCancellationRequested && (error is OperationCanceledException || ReplicaFailures.IsReplicaGone(error)))
                    {
                        if (failovers == MaxFailovers) throw ReplicaRouting.Lost(model, $"{MaxFailovers} replicas in a row went away");
                        logger.LogWarning("Request {Request}: replica {Replica} went away ({Error}); resuming after {Tokens} tokens",
                            request.RequestId, replica, error is OperationCanceledException ? "dropped from routing" : error.GetType().Name, progress.TokenCount);
                        replica = await routing.FailoverAsync(model, session, replica, routingRequest, ct);
                        break;
                    }
                    if (queued is not null)
                    {
                        queue.Leave(queued);
                        queued = null;
                    }
                    var item = events.Current;
                    if (item.Prompt is not null && progress.PromptSent) continue; // a resumed stream's own prompt event
                    progress.Record(item);
                    yield return item;
                }
            }
            finally
            {
                if (queued is not null) queue.Leave(queued);
            }
        }
    }

    /// <summary>Waits for the first event, checking meanwhile whether the request should leave its replica's queue; the replica to move to, or null once the event came.</summary>
    private async Task<string?> WaitOrMoveAsync(string model, GenerationRequest request, Task<bool> next, QueuedRequests.Ticket ticket, CancellationToken ct)
    {
        while (true)
        {
            if (await Task.WhenAny(next, Task.Delay(MoveCheck, ct)) == next) return null;
            ct.ThrowIfCancellationRequested();
            if (queue.MoveTarget(model, ticket, request.RequestId) is { } target) return target;
        }
    }

    // The abandoned call ends cancelled (or, had an event just arrived, with it): either way nothing reached the client.
    private static async Task Observe(Task<bool> next)
    {
        try
        {
            await next;
        }
        catch (Exception)
        {
            // cancelled on purpose
        }
    }

    public Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct) =>
        CallAnyReplicaAsync(model, replica => replica.Tokenize(prompt, returnTokenStrings), ct);

    public Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct) =>
        CallAnyReplicaAsync(model, replica => replica.Detokenize(tokenIds), ct);

    public Task<bool> IsReadyAsync(CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return Task.FromResult(false); // load balancers stop sending
        var models = table.Models();
        var replicas = table.Replicas();
        return Task.FromResult(models.Count > 0 && models.All(m => replicas.Any(r => r.Key.Model == m.Id && !r.Draining && r.Stats.HasGenerated)));
    }

    /// <summary>One call to any replica of the model, made again on another when the first one turns out gone.</summary>
    private async Task<T> CallAnyReplicaAsync<T>(string model, Func<IModelReplicaGrain, Task<T>> call, CancellationToken ct)
    {
        for (var failovers = 0; ; failovers++)
        {
            var replica = await routing.RouteAsync(model, null, RoutingRequest.None, ct);
            try
            {
                return await call(grains.GetGrain<IModelReplicaGrain>(replica));
            }
            catch (Exception error) when (!ct.IsCancellationRequested && ReplicaFailures.IsReplicaGone(error))
            {
                if (failovers == MaxFailovers) throw ReplicaRouting.Lost(model, $"{MaxFailovers} replicas in a row went away");
                table.Remove(replica, "a call to it failed");
            }
        }
    }
}
