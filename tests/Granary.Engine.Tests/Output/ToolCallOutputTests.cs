using System.Text;
using Granary.Engine.Abstractions;

namespace Granary.Engine.Tests.Output;

/// <summary>
/// Tool calls through the engine's output path on the tiny Qwen3 tokenizer, whose <c>&lt;tool_call&gt;</c>
/// is a special token: scripted tokens stand in for what constrained decoding will make the model write.
/// </summary>
public sealed class ToolCallOutputTests
{
    private const string Tools = """[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]""";
    private const string Call = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>";

    private readonly ScriptedOutputPath _path = new();

    [Fact]
    public void A_call_leaves_the_content_and_ends_the_choice_with_tool_calls()
    {
        var script = _path.Encode("I'll look.\n" + Call).Append(_path.Eos).ToArray();
        var events = _path.Run(script, plan: _path.Plan(ToolChoice.Auto, Tools));

        Assert.Equal("I'll look.", Content(events));
        var call = Assert.Single(Calls(events));
        Assert.Equal(("get_weather", "{\"city\": \"Paris\"}"), (call.Name, call.Arguments));
        Assert.Matches("^call_[A-Za-z0-9]{24}$", call.Id);
        Assert.Equal(FinishReason.ToolCalls, events[^1].FinishReason);
        Assert.Equal(script.Length, events[^1].CompletionTokens);
        Assert.All(events, e => Assert.DoesNotContain("tool_call", e.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Stop_strings_apply_to_the_content_not_to_the_call()
    {
        // The Hermes call text is full of newlines: a "\n" stop string does not cut it.
        var call = _path.Run(_path.Encode(Call).Append(_path.Eos).ToArray(), new SamplingParams { MaxTokens = 1000, Stop = ["\n"] }, _path.Plan(ToolChoice.Auto, Tools));
        Assert.Equal("", Content(call));
        Assert.Single(Calls(call));
        Assert.Equal(FinishReason.ToolCalls, call[^1].FinishReason);
        Assert.Null(call[^1].StopReason);

        // In the content before a call, it does: the choice ends there, with no call.
        var script = _path.Encode("Done.\nMore text" + Call).Append(_path.Eos).ToArray();
        var events = _path.Run(script, new SamplingParams { MaxTokens = 1000, Stop = ["\n"] }, _path.Plan(ToolChoice.Auto, Tools));
        Assert.Equal("Done.", Content(events));
        Assert.Empty(Calls(events));
        Assert.Equal(FinishReason.Stop, events[^1].FinishReason);
        Assert.Equal("\n", events[^1].StopReason);
    }

    [Fact]
    public void A_call_cut_by_max_tokens_in_auto_mode_leaves_only_the_text_before_it()
    {
        var script = _path.Encode("Ok " + Call);
        var events = _path.Run(script, new SamplingParams { MaxTokens = script.Length - 3 }, _path.Plan(ToolChoice.Auto, Tools));

        Assert.Empty(Calls(events));
        Assert.Equal("Ok", Content(events));
        Assert.DoesNotContain(events, e => e.Text.Contains('<', StringComparison.Ordinal));
        Assert.Equal(FinishReason.Length, events[^1].FinishReason);
    }

    [Fact]
    public void Required_calls_stream_their_arguments_while_they_are_generated()
    {
        var script = _path.Encode(Call).Append(_path.Eos).ToArray();
        var events = _path.Run(script, plan: _path.Plan(ToolChoice.Required, Tools));

        var withCalls = events.Where(e => e.ToolCalls is not null).ToList();
        Assert.True(withCalls.Count > 3, $"expected the call in several events, got {withCalls.Count}");
        Assert.Equal("get_weather", withCalls[0].ToolCalls![0].Name);
        Assert.Equal(("get_weather", "{\"city\": \"Paris\"}"), (Calls(events)[0].Name, Calls(events)[0].Arguments));
        Assert.Equal("", Content(events));
        Assert.Equal(FinishReason.ToolCalls, events[^1].FinishReason);
    }

    [Fact]
    public void Text_without_calls_is_the_same_as_without_tools()
    {
        var script = _path.Encode("Plain <b>answer</b>, no tools <tool\n").Append(_path.Eos).ToArray();

        var withTools = _path.Run(script, plan: _path.Plan(ToolChoice.Auto, Tools));
        var without = _path.Run(script);

        Assert.Equal(Content(without), Content(withTools));
        Assert.Equal("Plain <b>answer</b>, no tools <tool\n", Content(withTools));
        Assert.Equal(FinishReason.Stop, withTools[^1].FinishReason);
    }

    private static string Content(IEnumerable<GenerationEvent> events) => string.Concat(events.Select(e => e.Text));

    /// <summary>The calls as a client assembles the deltas: id and name from the first piece, arguments concatenated.</summary>
    private static List<(string Id, string Name, string Arguments)> Calls(IEnumerable<GenerationEvent> events)
    {
        var calls = new List<(string Id, string Name, StringBuilder Arguments)>();
        foreach (var delta in events.SelectMany(e => e.ToolCalls ?? []))
        {
            if (delta.Id is not null) calls.Add((delta.Id, delta.Name!, new StringBuilder()));
            calls[delta.Index].Arguments.Append(delta.Arguments);
        }
        return calls.Select(c => (c.Id, c.Name, c.Arguments.ToString())).ToList();
    }
}
