using Granary.Engine.Abstractions;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Output;

/// <summary>
/// A resumed choice's output path on scripted tokens: from every cut of the stream, the replayed
/// detokenizer, stop-string hold-back and tool call parser make exactly the events that were left.
/// </summary>
public sealed class ResumedOutputTests
{
    private const string Tools = """[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]""";
    private const string Call = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>";

    private readonly ScriptedOutputPath _path = new();

    [Fact]
    public void Split_characters_and_stop_string_prefixes_held_back_at_the_cut_are_sent_once()
    {
        // Emoji bytes span tokens (the detokenizer holds them), and "ok" / "o" may start the stop string "ok!".
        var script = _path.Encode("Café 😀 is ok, so ok? 🎉 ok!").ToArray();
        var sampling = new SamplingParams { MaxTokens = 1000, Stop = ["ok!"] };

        var full = AssertResumesAtEveryCut(script, sampling);

        Assert.Equal("Café 😀 is ok, so ok? 🎉 ", StreamCut.Text(full));
        Assert.Equal("ok!", full[^1].StopReason);
        var heldAtCuts = Enumerable.Range(1, full.Length - 1)
            .Count(cut => StreamCut.Text(full.Take(cut)).Length < _path.Decode(full.Take(cut).SelectMany(e => e.TokenIds).ToArray()).Length);
        Assert.True(heldAtCuts >= 3, $"text was held back at only {heldAtCuts} cuts");
    }

    [Fact]
    public void Content_then_two_calls_in_auto_mode_resume_with_the_same_calls()
    {
        var script = _path.Encode("Let me check.\n" + Call + "\n" + Call.Replace("Paris", "Rome", StringComparison.Ordinal)).Append(_path.Eos).ToArray();

        var full = AssertResumesAtEveryCut(script, plan: _path.Plan(ToolChoice.Auto, Tools));

        Assert.Equal("Let me check.", StreamCut.Text(full));
        Assert.Equal([0, 1], full.SelectMany(e => e.ToolCalls ?? []).Where(c => c.Id is not null).Select(c => c.Index));
        Assert.Equal(FinishReason.ToolCalls, full[^1].FinishReason);
    }

    [Fact]
    public void Required_calls_streamed_piece_by_piece_resume_mid_arguments()
    {
        var script = _path.Encode(Call + "\n" + Call.Replace("Paris", "Oslo", StringComparison.Ordinal)).Append(_path.Eos).ToArray();

        var full = AssertResumesAtEveryCut(script, plan: _path.Plan(ToolChoice.Required, Tools));

        Assert.True(full.Count(e => e.ToolCalls is not null) > 6, "the calls stream over many events");
        Assert.Equal(FinishReason.ToolCalls, full[^1].FinishReason);
    }

    [Fact]
    public void A_call_cut_short_by_max_tokens_when_resumed_with_a_lower_limit_is_dropped()
    {
        // The client saw the call's first tokens under a larger limit; the resumed request's limit ends it there.
        var script = _path.Encode("Ok " + Call);
        var plan = _path.Plan(ToolChoice.Auto, Tools);
        var cut = script.Length - 3;
        var seen = _path.Run(script, new SamplingParams { MaxTokens = 1000 }, plan).Take(cut).ToArray();
        var limited = _path.Run(script, new SamplingParams { MaxTokens = cut }, plan);

        var resumed = _path.Run(script, new SamplingParams { MaxTokens = cut }, plan, StreamCut.At(seen, cut, 1).Choices[0]);

        var last = Assert.Single(resumed);
        Assert.Equal((FinishReason.Length, cut, 0), (last.FinishReason!.Value, last.CompletionTokens, last.TokenIds.Length));
        Assert.Equal(StreamCut.Text(limited), StreamCut.Text(seen) + last.Text);
        Assert.Equal("", last.Text); // held back as a possible call, then dropped: an unfinished call is not content
    }

    private GenerationEvent[] AssertResumesAtEveryCut(int[] script, SamplingParams? sampling = null, Engine.Tools.ToolCallPlan? plan = null)
    {
        var full = _path.Run(script, sampling, plan).ToArray();
        for (var cut = 0; cut <= full.Length; cut++)
            StreamCut.AssertContinues(full, cut, _path.Run(script, sampling, plan, StreamCut.At(full, cut, 1).Choices[0]), 1);
        return full;
    }
}
