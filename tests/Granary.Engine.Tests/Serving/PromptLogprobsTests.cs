using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>Prompt logprobs equal log_softmax of the HF golden logits (the 1e-4 check).</summary>
public sealed class PromptLogprobsTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in TinyModels.Names)
        foreach (var chunk in new[] { 512, 5 })
            data.Add(model, chunk);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Prompt_logprobs_match_log_softmax_of_the_golden_logits(string model, int maxBatchedTokens)
    {
        using var engine = await EngineFixture.Start(model, maxBatchedTokens: maxBatchedTokens, blockSize: 4);
        foreach (var golden in Fixtures.Golden(model))
        {
            var (logits, shape) = GoldenLogits.Read(model, golden.Index);
            var vocab = (int)shape[1];
            for (var run = 0; run < 2; run++) // the second run would hit the prefix cache, which prompt logprobs bypass
            {
                var events = await EngineFixture.Collect(engine, new GenerationRequest
                {
                    RequestId = "p",
                    Prompt = PromptInput.FromTokens(golden.Ids),
                    Sampling = new SamplingParams { Temperature = 0, MaxTokens = 1, MaxTokensExplicit = true, PromptLogprobs = 2 },
                });
                var scored = events[0].Prompt!.Logprobs!;
                Assert.Equal(golden.Ids.Length, scored.Length);
                Assert.Null(scored[0]);
                for (var i = 1; i < golden.Ids.Length; i++)
                {
                    var expected = LogSoftmax(logits.AsSpan((i - 1) * vocab, vocab));
                    Assert.Equal(golden.Ids[i], scored[i]!.TokenId);
                    Assert.Equal(expected[golden.Ids[i]], scored[i]!.Logprob, 1e-4);
                    var top = expected.Select((v, t) => (v, t)).OrderByDescending(p => p.v).Take(2).ToArray();
                    Assert.Equal(top.Select(p => p.t), scored[i]!.Top.Select(t => t.TokenId));
                    Assert.Equal(top[0].v, scored[i]!.Top[0].Logprob, 1e-4);
                }
            }
        }
    }

    private static double[] LogSoftmax(ReadOnlySpan<float> row)
    {
        var max = double.MinValue;
        foreach (var v in row) max = Math.Max(max, v);
        double sum = 0;
        foreach (var v in row) sum += Math.Exp(v - max);
        var log = Math.Log(sum) + max;
        var result = new double[row.Length];
        for (var i = 0; i < row.Length; i++) result[i] = row[i] - log;
        return result;
    }
}
