using Granary.Engine.Abstractions;

namespace Granary.Grains.Abstractions;

/// <summary>
/// One model replica: an engine on one silo. Activated only on the silo named in its key, which
/// must carry the model; it hands work to that silo's engine. The silo reports its load to the routing tables.
/// </summary>
[Alias("granary.IModelReplicaGrain")]
public interface IModelReplicaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Streams the request's events; cancelling the call aborts the generation and frees its cache.
    /// Throws <see cref="ReplicaUnavailableException"/> when the replica leaves before the request ends.
    /// </summary>
    [Alias("Generate")]
    IAsyncEnumerable<GenerationEvent> Generate(GenerationRequest request, CancellationToken cancellationToken = default);

    [Alias("Tokenize")]
    Task<TokenizeResult> Tokenize(PromptInput prompt, bool returnTokenStrings);

    [Alias("Detokenize")]
    Task<string> Detokenize(int[] tokenIds);

    /// <summary>The model's tokenizer and chat template files, for a gateway to tokenize prompts for routing.</summary>
    [Alias("GetPromptArtifacts")]
    Task<PromptArtifacts> GetPromptArtifacts();

    [Alias("GetStatus")]
    Task<ReplicaStatus> GetStatus();
}
