namespace Granary.Bench.Workload;

/// <summary>
/// Random prompts of an exact length: token ids drawn uniformly from [0, vocabulary) by a seeded
/// System.Random (whose seeded sequence is stable across .NET versions), so the same seed gives the
/// same prompts on every machine.
/// </summary>
internal static class PromptGenerator
{
    public static BenchRequest[] Generate(Random random, int count, int inputTokens, int outputTokens, int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        var requests = new BenchRequest[count];
        for (var i = 0; i < count; i++)
        {
            var ids = new int[inputTokens];
            for (var t = 0; t < ids.Length; t++) ids[t] = random.Next(vocabularySize);
            requests[i] = new BenchRequest(i, ids, outputTokens);
        }
        return requests;
    }

    /// <summary>
    /// Shared-prefix prompts (vLLM's prefix-caching workload, as many conversations each with its own
    /// long system prompt): request i starts with prefix i mod <paramref name="groups"/>
    /// (<paramref name="prefixTokens"/> ids drawn from <paramref name="prefixes"/>, so warm-up and measured
    /// requests of a run share them), then a fresh random suffix up to <paramref name="inputTokens"/>.
    /// </summary>
    public static BenchRequest[] GenerateSharedPrefix(Random prefixes, Random random, int count, int inputTokens, int outputTokens, int vocabularySize,
        int prefixTokens, int groups)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(prefixTokens, inputTokens);
        var shared = Enumerable.Range(0, groups).Select(_ => Enumerable.Range(0, prefixTokens).Select(_ => prefixes.Next(vocabularySize)).ToArray()).ToArray();
        var requests = Generate(random, count, inputTokens - prefixTokens, outputTokens, vocabularySize);
        return requests.Select(r => r with { PromptTokenIds = [.. shared[r.Index % groups], .. r.PromptTokenIds] }).ToArray();
    }
}
