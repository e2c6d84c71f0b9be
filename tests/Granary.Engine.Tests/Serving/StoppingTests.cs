using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>Stop strings and stop tokens through the engine, on the tiny model's greedy output.</summary>
public sealed class StoppingTests
{
    private static readonly int[] Prompt = Fixtures.Golden("tiny-llama3")[0].Ids;

    [Fact]
    public async Task A_stop_string_split_across_tokens_ends_the_output_and_never_leaks()
    {
        using var engine = await EngineFixture.Start();
        var full = Text(await EngineFixture.Collect(engine, Request()));
        var stop = StraddlingStop(engine, full);
        var events = await EngineFixture.Collect(engine, Request(new SamplingParams { Stop = [stop] }));

        var text = Text(events);
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], text);
        Assert.Equal(FinishReason.Stop, events[^1].FinishReason);
        Assert.Equal(stop, events[^1].StopReason);
        // Streamed: no delta ever carried a character of the stop string's occurrence.
        var sent = 0;
        foreach (var e in events.Where(e => e.Prompt is null))
        {
            sent += e.Text.Length;
            Assert.True(sent <= text.Length);
        }
    }

    [Fact]
    public async Task Include_stop_str_in_output_keeps_the_stop()
    {
        using var engine = await EngineFixture.Start();
        var full = Text(await EngineFixture.Collect(engine, Request()));
        var stop = StraddlingStop(engine, full);
        var events = await EngineFixture.Collect(engine, Request(new SamplingParams { Stop = [stop], IncludeStopStringInOutput = true }));
        Assert.Equal(full[..(full.IndexOf(stop, StringComparison.Ordinal) + stop.Length)], Text(events));
    }

    [Fact]
    public async Task Stop_token_ids_end_the_choice_and_are_reported()
    {
        using var engine = await EngineFixture.Start();
        var greedy = Fixtures.Golden("tiny-llama3")[0].Greedy24;
        var events = await EngineFixture.Collect(engine, Request(new SamplingParams { StopTokenIds = [greedy[5]] }));

        Assert.Equal(greedy[..6], EngineFixture.Tokens(events)[0]);
        Assert.Equal(greedy[5], events[^1].StopTokenId);
        Assert.Equal(6, events[^1].CompletionTokens);
        Assert.Equal(FinishReason.Stop, events[^1].FinishReason);
    }

    [Fact]
    public async Task Eos_stops_with_its_text_left_out_unless_ignored()
    {
        using var engine = await EngineFixture.Start();
        var forceEos = new Dictionary<int, double> { [4] = 100 }; // <|eot_id|>, tiny-llama3's eos
        var stopped = await EngineFixture.Collect(engine, new GenerationRequest
        {
            RequestId = "eos",
            Prompt = PromptInput.FromTokens(Prompt),
            Sampling = new SamplingParams { Temperature = 0, MaxTokens = 8, LogitBias = forceEos, SkipSpecialTokens = false },
        });
        Assert.Equal((FinishReason.Stop, 1, ""), (stopped[^1].FinishReason!.Value, stopped[^1].CompletionTokens, Text(stopped)));
        Assert.Null(stopped[^1].StopTokenId);

        var ignored = await EngineFixture.Collect(engine, Request(new SamplingParams { LogitBias = forceEos }));
        Assert.Equal(FinishReason.Length, ignored[^1].FinishReason);
        Assert.All(EngineFixture.Tokens(ignored)[0], t => Assert.Equal(4, t));
    }

    private static GenerationRequest Request(SamplingParams? sampling = null) => new()
    {
        RequestId = "stop",
        Prompt = PromptInput.FromTokens(Prompt),
        Sampling = (sampling ?? new SamplingParams()) with { Temperature = 0, MaxTokens = 24, MaxTokensExplicit = true, IgnoreEos = true },
    };

    private static string Text(IEnumerable<GenerationEvent> events) => string.Concat(events.Select(e => e.Text));

    // A 4-character stop string that begins inside one token's text and ends inside a later one's.
    private static string StraddlingStop(Engine.Serving.LlmEngine engine, string full)
    {
        var greedy = Fixtures.Golden("tiny-llama3")[0].Greedy24;
        var pieces = Enumerable.Range(1, greedy.Length).Select(n => engine.Detokenize(greedy[..n]).Length).ToArray();
        for (var i = 1; i < pieces.Length; i++)
        {
            var boundary = pieces[i - 1];
            if (boundary < 2 || boundary + 2 > full.Length) continue;
            var stop = full.Substring(boundary - 2, 4);
            if (!stop.Contains('\uFFFD') && full.IndexOf(stop, StringComparison.Ordinal) == boundary - 2) return stop;
        }
        throw new InvalidOperationException("no straddling stop string in the greedy text");
    }
}
