using Granary.Engine.Abstractions;

namespace Granary.Grains.Abstractions;

/// <summary>
/// One model replica: an engine on one silo. Activated only on the silo named in its key, which
/// must carry the model; it hands work to that silo's engine and reports its load to the router.
/// </summary>
[Alias("granary.IModelReplicaGrain")]
public interface IModelReplicaGrain : IGrainWithStringKey
{
    /// <summary>Binds to the local engine and starts heartbeats to the model's router.</summary>
    [Alias("Start")]
    Task<ReplicaStatus> Start();

    /// <summary>Streams the request's events; cancelling the call aborts the generation and frees its cache.</summary>
    [Alias("Generate")]
    IAsyncEnumerable<GenerationEvent> Generate(GenerationRequest request, CancellationToken cancellationToken = default);

    [Alias("Tokenize")]
    Task<TokenizeResult> Tokenize(PromptInput prompt, bool returnTokenStrings);

    [Alias("Detokenize")]
    Task<string> Detokenize(int[] tokenIds);

    [Alias("GetStatus")]
    Task<ReplicaStatus> GetStatus();

    /// <summary>Leaves the router (no new requests) and stops heartbeats; in-flight requests finish.</summary>
    [Alias("Retire")]
    Task Retire();
}
