using System.Runtime.CompilerServices;
using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Granary.Serving;

namespace Granary.Server.Cluster;

/// <summary>
/// The HTTP layer's way into the cluster. Routes with this silo's replica table (the session's
/// replica, else the least loaded), streams from the replica's grain, and when that replica goes
/// away mid-request, resumes the request on another from what the client already received: the
/// client sees one uninterrupted stream.
/// </summary>
internal sealed class GrainInferenceClient(
    IGrainFactory grains, ReplicaTable table, ReplicaRouting routing, IHostApplicationLifetime lifetime, ILogger<GrainInferenceClient> logger)
    : IInferenceClient
{
    // How often one request may move on to another replica before its failure is taken as its own.
    private const int MaxFailovers = 8;

    public Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct) => Task.FromResult(table.Models());

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            throw new ServiceUnavailableException("This server is shutting down; send the request to another.", UnavailableCodes.ShuttingDown, 1);
        var session = SessionKeys.For(request, sessionId) is { } id ? grains.GetGrain<ISessionGrain>(SessionKeys.Grain(model, id)) : null;
        var replica = await routing.RouteAsync(model, session, ct);
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
                catch (Exception error) when (!ct.IsCancellationRequested && (error is OperationCanceledException || ReplicaFailures.IsReplicaGone(error)))
                {
                    if (failovers == MaxFailovers) throw ReplicaRouting.Lost(model, $"{MaxFailovers} replicas in a row went away");
                    logger.LogWarning("Request {Request}: replica {Replica} went away ({Error}); resuming after {Tokens} tokens",
                        request.RequestId, replica, error is OperationCanceledException ? "dropped from routing" : error.GetType().Name, progress.TokenCount);
                    replica = await routing.FailoverAsync(model, session, replica, ct);
                    break;
                }
                var item = events.Current;
                if (item.Prompt is not null && progress.PromptSent) continue; // a resumed stream's own prompt event
                progress.Record(item);
                yield return item;
            }
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
            var replica = await routing.RouteAsync(model, null, ct);
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
