using System.Runtime.CompilerServices;
using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Hosting;
using Granary.Grains.Placement;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Granary.Grains.Replicas;

/// <summary>
/// A model replica: a thin, reentrant front for this silo's engine. All model work happens on the
/// engine's own thread; the grain only enqueues and relays events, so it never blocks the scheduler.
/// </summary>
[Immovable]
[ReplicaPlacementFilter]
[Reentrant]
internal sealed class ModelReplicaGrain(EngineHost host, IOptions<WorkerOptions> options) : Grain, IModelReplicaGrain
{
    private IEngine _engine = null!;
    private ReplicaKey _key = null!;
    private IGrainTimer? _heartbeat;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ReplicaKey.Parse(this.GetPrimaryKeyString());
        _engine = host.Find(_key.ToString())
            ?? throw new InvalidOperationException($"replica {_key} has no engine on this silo");
        return Task.CompletedTask;
    }

    public async Task<ReplicaStatus> Start()
    {
        _heartbeat ??= this.RegisterGrainTimer(SendHeartbeat, new GrainTimerCreationOptions
        {
            // The first heartbeat is the one below, which Start's caller waits for.
            DueTime = options.Value.HeartbeatInterval,
            Period = options.Value.HeartbeatInterval,
            Interleave = true,
            KeepAlive = true,
        });
        var status = Status();
        await Router.Heartbeat(status);
        return status;
    }

    public async IAsyncEnumerable<GenerationEvent> Generate(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in _engine.GenerateAsync(request, cancellationToken).WithCancellation(cancellationToken))
            yield return item;
    }

    public Task<TokenizeResult> Tokenize(PromptInput prompt, bool returnTokenStrings) => Task.FromResult(_engine.Tokenize(prompt, returnTokenStrings));

    public Task<string> Detokenize(int[] tokenIds) => Task.FromResult(_engine.Detokenize(tokenIds));

    public Task<ReplicaStatus> GetStatus() => Task.FromResult(Status());

    public async Task Retire()
    {
        _heartbeat?.Dispose();
        _heartbeat = null;
        await Router.Remove(_key.ToString());
        this.DeactivateOnIdle();
    }

    private IModelRouterGrain Router => GrainFactory.GetGrain<IModelRouterGrain>(_key.Model);

    private ReplicaStatus Status() => new(_key, _engine.Card, _engine.GetStats());

    private Task SendHeartbeat(CancellationToken cancellationToken) => Router.Heartbeat(Status());
}
