using System.Collections.Concurrent;
using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;

namespace Granary.Server.Cluster;

/// <summary>
/// The gateway's view of a request's prompt for routing: its token ids, computed here with the
/// model's own tokenizer and chat template (fetched once per model from a replica, so a gateway
/// needs no model folder), hashed into the block keys the replicas' prefix caches use.
/// </summary>
internal sealed class PromptBlocks(IGrainFactory grains, ReplicaTable table, ILogger<PromptBlocks> logger)
{
    // 4,096 blocks of 16 are 64K tokens: more than a replica's summary holds, so hashing further cannot change a score.
    private const int MaxBlocks = 4096;

    // A first request waits this long for the tokenizer; later ones route by load until it arrives.
    private static readonly TimeSpan FetchPatience = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Fetch> _tokenizers = new(StringComparer.Ordinal);

    public async Task<RoutingRequest> ForAsync(string model, PromptInput prompt, CancellationToken ct)
    {
        // With one replica there is nothing to choose, and no reason to tokenize twice.
        if (table.Replicas(model).Count(r => !r.Draining) < 2) return RoutingRequest.None;
        var blockSize = table.BlockSize(model);
        if (blockSize == 0) return RoutingRequest.None; // no replica reports a prefix cache
        var ids = prompt.TokenIds;
        if (ids is null)
        {
            if (await TokenizerAsync(model, ct) is not { } tokenizer) return RoutingRequest.None;
            ids = tokenizer.Encode(prompt);
            if (ids is null) return RoutingRequest.None;
        }
        return new RoutingRequest { PromptTokens = ids.Length, BlockSize = blockSize, Blocks = BlockHash.PromptKeys(ids, blockSize, MaxBlocks) };
    }

    private async Task<PromptTokenizer?> TokenizerAsync(string model, CancellationToken ct)
    {
        var fetch = _tokenizers.GetOrAdd(model, m => new Fetch(LoadAsync(m), DateTime.UtcNow));
        if (fetch.Task.IsCompleted && fetch.Task.Result is null && DateTime.UtcNow - fetch.Started > RetryAfter)
            _tokenizers[model] = fetch = new Fetch(LoadAsync(model), DateTime.UtcNow); // a race only fetches twice
        try
        {
            return await fetch.Task.WaitAsync(FetchPatience, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<PromptTokenizer?> LoadAsync(string model)
    {
        await Task.Yield();
        var replica = table.Replicas(model).FirstOrDefault(r => !r.Draining);
        if (replica is null) return null;
        try
        {
            var artifacts = await grains.GetGrain<IModelReplicaGrain>(replica.Key.ToString()).GetPromptArtifacts();
            var tokenizer = new PromptTokenizer(artifacts);
            logger.LogInformation("Routing {Model} by prefix: tokenizer fetched from {Replica}", model, replica.Key);
            return tokenizer;
        }
        catch (Exception error)
        {
            logger.LogWarning("Routing {Model} by load only for now: its tokenizer could not be fetched from {Replica}: {Error}", model, replica.Key, error.Message);
            return null;
        }
    }

    private sealed record Fetch(Task<PromptTokenizer?> Task, DateTime Started);
}
