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
}
