using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>Resumes at the edges: prior tokens that already end a choice, resume points that do not fit, aborts.</summary>
public sealed class ResumeEdgeTests
{
    private static readonly int[] Prompt = Fixtures.Golden("tiny-llama3")[0].Ids;

    [Fact]
    public async Task Prior_tokens_that_reach_max_tokens_get_the_last_event_at_once()
    {
        using var engine = await EngineFixture.Start();
        // The client saw 8 tokens of a 12-token request; resumed with max_tokens 8, nothing is left to generate.
        var longer = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 12)));
        var eight = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 8)));
        var generated = engine.GetStats().TotalGeneratedTokens;

        var resumed = await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 8) with { Resume = StreamCut.At(longer, 8, 1) });

        Assert.NotNull(resumed[0].Prompt);
        var last = Assert.Single(StreamCut.ChoiceEvents(resumed));
        Assert.Empty(last.TokenIds);
        Assert.Equal((FinishReason.Length, 8), (last.FinishReason!.Value, last.CompletionTokens));
        Assert.Equal(StreamCut.Text(eight), StreamCut.Text(longer.Take(8)) + last.Text);
        Assert.Equal(generated, engine.GetStats().TotalGeneratedTokens);
    }

    [Fact]
    public async Task A_stop_token_among_the_prior_tokens_ends_the_choice_with_its_stop_reason()
    {
        using var engine = await EngineFixture.Start();
        var request = EngineFixture.Greedy(Prompt, 12);
        var free = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, request));
        var stop = free[5].TokenIds[0];
        var cut = Array.FindIndex(free, e => e.TokenIds[0] == stop) + 1;

        // The client saw the tokens of a run without the stop token; this request stops on it.
        var stopping = request with { Sampling = request.Sampling with { StopTokenIds = [stop] }, Resume = StreamCut.At(free, cut, 1) };
        var resumed = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, stopping));

        // The client already has the stop token's text (the first replica did not stop there): nothing is left to send.
        var last = Assert.Single(resumed);
        Assert.Equal((FinishReason.Stop, stop, cut, 0, ""), (last.FinishReason!.Value, last.StopTokenId!.Value, last.CompletionTokens, last.TokenIds.Length, last.Text));
    }

    [Fact]
    public async Task A_request_whose_choices_all_finished_sends_only_its_prompt_event()
    {
        using var engine = await EngineFixture.Start();
        var request = EngineFixture.Greedy(Prompt, 6, n: 2);
        var full = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, request));

        var resumed = await EngineFixture.Collect(engine, request with { Resume = StreamCut.At(full, full.Length, 2) });

        Assert.NotNull(Assert.Single(resumed).Prompt);
    }

    [Fact]
    public async Task A_choice_resumed_alone_before_its_first_token_is_not_taken_for_a_shared_prefill()
    {
        using var first = await EngineFixture.Start();
        using var second = await EngineFixture.Start();
        var sampling = new SamplingParams { Temperature = 1.0, Seed = 3, N = 2, MaxTokens = 6, MaxTokensExplicit = true, IgnoreEos = true };
        var request = new GenerationRequest { RequestId = "alone", Prompt = PromptInput.FromTokens(Prompt), Sampling = sampling };
        var free = EngineFixture.Tokens(await EngineFixture.Collect(first, request), 2);
        Assert.NotEqual(free[0][0], free[1][0]);
        // Choice 0 stops on its first token: cut after that event, choice 1 is the only one left, with nothing yet.
        var stopped = request with { Sampling = sampling with { StopTokenIds = [free[0][0]] } };

        var full = await ResumeRuns.AssertResumesAtEveryCut(first, second, stopped, cuts: [1]);

        Assert.Equal((0, 1), (full[0].Choice, full[0].CompletionTokens));
        Assert.Equal(6, full.Count(e => e.Choice == 1));
    }

    [Fact]
    public async Task Echo_and_prompt_logprobs_are_not_sent_again()
    {
        using var engine = await EngineFixture.Start();
        var greedy = EngineFixture.Greedy(Prompt, 6);
        var request = greedy with { ReturnPrompt = true, Sampling = greedy.Sampling with { PromptLogprobs = 2 } };
        var full = await EngineFixture.Collect(engine, request);
        Assert.NotNull(full[0].Prompt!.Logprobs);

        var resumed = await EngineFixture.Collect(engine, request with { Resume = StreamCut.At(StreamCut.ChoiceEvents(full), 3, 1) });

        Assert.Equal((Prompt.Length, (int[]?)null, (string?)null), (resumed[0].Prompt!.TokenCount, resumed[0].Prompt!.TokenIds, resumed[0].Prompt!.Text));
        Assert.Null(resumed[0].Prompt!.Logprobs);
        StreamCut.AssertContinues(StreamCut.ChoiceEvents(full), 3, StreamCut.ChoiceEvents(resumed), 1);
    }

    [Fact]
    public async Task A_resume_point_that_does_not_fit_the_request_is_the_clients_error()
    {
        using var engine = await EngineFixture.Start();
        var full = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 8)));
        var fits = StreamCut.At(full, 4, 1).Choices[0];
        ChoiceProgress[][] misfits =
        [
            [fits, fits], // two choices for n = 1
            [fits with { TokenIds = [.. fits.TokenIds, 1 << 20] }], // out of vocabulary
            [fits with { TextLength = fits.TextLength + 1000 }], // more text than the tokens make
            [fits with { ToolCalls = 1 }], // calls in plain text
            [StreamCut.At(full, 8, 1).Choices[0] with { Finished = false, TokenIds = [.. full.SelectMany(e => e.TokenIds), 5] }], // past max_tokens
        ];

        foreach (var choices in misfits)
        {
            var error = await Assert.ThrowsAsync<EngineRequestException>(() =>
                EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 8) with { Resume = new ResumePoint { Choices = choices } }));
            Assert.Equal("resume", error.Param);
        }
        await EngineFixture.WaitUntil(() => engine.GetStats() is { Running: 0, Waiting: 0, KvCacheUsage: 0 });
        Assert.Equal(8, (await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 8))).Count(e => e.Prompt is null));
    }

    [Fact]
    public async Task Cancelling_a_resumed_request_frees_its_blocks()
    {
        using var engine = await EngineFixture.Start(prefixCaching: false);
        var prior = StreamCut.ChoiceEvents(await EngineFixture.Collect(engine, EngineFixture.Greedy(Prompt, 40, n: 2)));
        using var cancel = new CancellationTokenSource();
        var received = 0;
        var run = Task.Run(async () =>
        {
            var request = EngineFixture.Greedy(Prompt, 400, n: 2) with { Resume = StreamCut.At(prior, prior.Length - 2, 2) };
            await foreach (var e in engine.GenerateAsync(request, cancel.Token))
                if (++received == 5) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        await EngineFixture.WaitUntil(() => engine.GetStats() is { Running: 0, Waiting: 0, KvCacheUsage: 0 });
    }
}
