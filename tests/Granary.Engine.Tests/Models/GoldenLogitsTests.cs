using Granary.Engine.Generation;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Models;

public sealed class GoldenLogitsTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in TinyModels.Names)
        foreach (var golden in Fixtures.Golden(model))
            data.Add(model, golden.Index);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prompt_logits_match_transformers(string model, int index)
    {
        var golden = Fixtures.Golden(model)[index];
        var (expected, shape) = GoldenLogits.Read(model, index);
        using var runner = new Runner(TinyModels.Get(model));

        var actual = runner.Logits([new ScheduledChunk(golden.Ids, 0, runner.Blocks(golden.Ids.Length), AllLogits: true)]);

        Assert.Equal(shape[0] * shape[1], actual.Length);
        Assert.InRange(GoldenLogits.RelativeError(actual, expected), 0, 1e-4);
        var last = actual.AsSpan(actual.Length - (int)shape[1]);
        Assert.Equal(golden.ArgmaxLast, Runner.ArgMax(last));
        Assert.Equal(golden.Top5Last, TopK(last, 5));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Greedy_with_the_cache_matches_transformers(string model, int index)
    {
        var golden = Fixtures.Golden(model)[index];
        using var runner = new Runner(TinyModels.Get(model));

        Assert.Equal(golden.Greedy24, runner.Greedy(golden.Ids, 24));
    }

    private static int[] TopK(ReadOnlySpan<float> row, int k)
    {
        var values = row.ToArray();
        return Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).Take(k).ToArray();
    }
}
