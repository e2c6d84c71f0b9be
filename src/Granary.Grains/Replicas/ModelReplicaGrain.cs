using System.Runtime.CompilerServices;
using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Granary.Grains.Hosting;
using Granary.Grains.Placement;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Granary.Grains.Replicas;

/// <summary>
/// A model replica: a thin, reentrant, stateless front for this silo's engine. All model work
/// happens on the engine's own thread; the grain only enqueues and relays events, so it never
/// blocks the scheduler. Its state is the silo's (<see cref="HostedReplica"/>), so an activation
/// lost to a directory change and re-created is the same replica.
/// </summary>
[Immovable]
[ReplicaPlacementFilter]
[Reentrant]
internal sealed class ModelReplicaGrain(EngineHost host) : Grain, IModelReplicaGrain
{
    private HostedReplica Replica => host.Find(this.GetPrimaryKeyString()) ?? throw Gone();

    public async IAsyncEnumerable<GenerationEvent> Generate(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var replica = Replica;
        if (replica.Leaving.IsCancellationRequested) throw Gone();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, replica.Leaving);
        await using var events = replica.Engine.GenerateAsync(request, abort.Token).GetAsyncEnumerator(abort.Token);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync()) yield break;
            }
            catch (OperationCanceledException) when (replica.Leaving.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Gone();
            }
            yield return events.Current;
        }
    }

    // Off the grain's turn, which the replica's generate calls share: a long text would stall them all.
    public Task<TokenizeResult> Tokenize(PromptInput prompt, bool returnTokenStrings)
    {
        var engine = Replica.Engine;
        return Task.Run(() => engine.Tokenize(prompt, returnTokenStrings));
    }

    public Task<string> Detokenize(int[] tokenIds)
    {
        var engine = Replica.Engine;
        return Task.Run(() => engine.Detokenize(tokenIds));
    }

    public Task<PromptArtifacts> GetPromptArtifacts()
    {
        var root = Replica.Engine.Card.Root;
        return Task.Run(() => PromptTokenizer.ReadArtifacts(root));
    }

    public Task<ReplicaStatus> GetStatus() => Task.FromResult(Replica.Status());

    // No engine: the replica retired, and a late call (a caller disposing its stream) reached it.
    private ReplicaUnavailableException Gone() => new($"replica {this.GetPrimaryKeyString()} is no longer serving");
}
