using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>
/// Mid-stream failover: a request resumed on a second replica from any point of the first one's stream
/// continues it exactly, event for event, for greedy and seeded sampling alike.
/// </summary>
public sealed class ResumeTests
{
    private static readonly int[] LlamaPrompt = Fixtures.Golden("tiny-llama3")[0].Ids;
    private static readonly int[] QwenPrompt = Fixtures.Golden("tiny-qwen3")[1].Ids;

    [Fact]
    public async Task A_greedy_stream_resumes_exactly_from_every_cut()
    {
        using var first = await EngineFixture.Start();
        using var second = await EngineFixture.Start(prefixCaching: false); // every resume recomputes prompt and prior tokens
        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, EngineFixture.Greedy(LlamaPrompt, 24));
        Assert.Equal(24, full[^1].CompletionTokens);
    }

    [Fact]
    public async Task A_seeded_stream_with_top_p_top_k_and_logprobs_resumes_with_the_same_draws()
    {
        using var first = await EngineFixture.Start("tiny-qwen3");
        using var second = await EngineFixture.Start("tiny-qwen3", maxBatchedTokens: 7); // prompt and prior tokens recomputed in chunks
        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, Sampled(31, n: 1, s => s with { TopP = 0.9, TopK = 40, Logprobs = 3 }));
        Assert.All(full, e => Assert.Equal(3, Assert.Single(e.Logprobs!).Top.Length));
    }

    [Fact]
    public async Task Seeded_choices_resume_each_from_its_own_point_and_a_finished_one_stays_silent()
    {
        using var first = await EngineFixture.Start("tiny-qwen3");
        using var second = await EngineFixture.Start("tiny-qwen3");
        // A stop token that only one choice writes, early: that choice finishes while the others go on.
        var free = EngineFixture.Tokens(await EngineFixture.Collect(first, Sampled(5, n: 3)), 3);
        var (stopper, stop) = Enumerable.Range(0, 3)
            .SelectMany(k => free[k].Skip(2).Take(6).Select(t => (Choice: k, Token: t)))
            .First(c => Enumerable.Range(0, 3).All(other => other == c.Choice || !free[other].Contains(c.Token)));
        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, Sampled(5, n: 3, s => s with { StopTokenIds = [stop] }));

        var ends = full.Where(e => e.FinishReason is not null).ToArray();
        Assert.Equal(3, ends.Length);
        Assert.Equal(stop, ends.Single(e => e.Choice == stopper).StopTokenId);
        // Cuts after the stopper's last event leave it finished while the others are mid-stream.
        Assert.True(Array.FindIndex(full, e => e.Choice == stopper && e.FinishReason is not null) < full.Length - 3);
    }

    [Fact]
    public async Task A_cut_while_text_is_held_back_for_a_stop_string_loses_and_repeats_nothing()
    {
        using var first = await EngineFixture.Start();
        using var second = await EngineFixture.Start();
        var greedy = EngineFixture.Greedy(LlamaPrompt, 24);
        var stop = StraddlingStop(first, EngineFixture.Tokens(await EngineFixture.Collect(first, greedy))[0]);

        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, greedy with { Sampling = greedy.Sampling with { Stop = [stop] } });

        Assert.Equal(stop, full[^1].StopReason);
        // The cut just before the stop's last token fell while its start was held back: the client had less text than its tokens make.
        var beforeLast = full[..^1];
        Assert.True(StreamCut.Text(beforeLast).Length < first.Detokenize(beforeLast.SelectMany(e => e.TokenIds).ToArray()).Length);
    }

    private static GenerationRequest Sampled(long seed, int n, Func<SamplingParams, SamplingParams>? adjust = null)
    {
        var sampling = new SamplingParams { Temperature = 1.0, MaxTokens = 20, MaxTokensExplicit = true, IgnoreEos = true, Seed = seed, N = n };
        return new GenerationRequest
        {
            RequestId = $"seeded-{seed}",
            Prompt = PromptInput.FromTokens(QwenPrompt),
            Sampling = adjust?.Invoke(sampling) ?? sampling,
        };
    }

    // A 4-character stop string that starts 2 characters before a token boundary: those 2 are held back until the next token completes it.
    private static string StraddlingStop(Engine.Serving.LlmEngine engine, int[] tokens)
    {
        var text = engine.Detokenize(tokens);
        for (var n = 1; n < tokens.Length; n++)
        {
            var boundary = engine.Detokenize(tokens[..n]).Length;
            if (boundary < 2 || boundary + 2 > text.Length) continue;
            var stop = text.Substring(boundary - 2, 4);
            if (!stop.Contains('\uFFFD') && text.IndexOf(stop, StringComparison.Ordinal) == boundary - 2) return stop;
        }
        throw new InvalidOperationException("no straddling stop string in the greedy text");
    }
}
