using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

/// <summary>The streaming parser on Hermes / Qwen output: <c>&lt;tool_call&gt;\n{...}\n&lt;/tool_call&gt;</c> blocks.</summary>
public sealed class HermesParserTests
{
    private const string Weather = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": [1, 2.5e1]}}\n</tool_call>";
    private const string WeatherArguments = "{\"city\": \"Paris\", \"days\": [1, 2.5e1]}";
    private const string Time = "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"zone\": \"CET \\\"x\\\" \\u00e9\"}}\n</tool_call>";

    private static ToolCallStreamParser Parser(int maxCalls = int.MaxValue, bool eager = false) =>
        new(ToolCallFormat.Hermes.Syntax, maxCalls, eager, ParsedOutput.CountingIds());

    [Fact]
    public void A_single_call_becomes_a_call_with_the_arguments_as_written()
    {
        var output = ParsedOutput.Of(Parser(), Weather);

        Assert.Equal("", output.Content);
        var call = Assert.Single(output.Calls);
        Assert.Equal(("call_0", "get_weather", WeatherArguments), call);
    }

    [Fact]
    public void Parallel_calls_get_consecutive_indexes_and_the_newlines_between_them_are_dropped()
    {
        var output = ParsedOutput.Of(Parser(), Weather + "\n" + Time + "\n");

        Assert.Equal("", output.Content);
        Assert.Equal(["get_weather", "get_time"], output.Calls.Select(c => c.Name));
        Assert.Equal("{\"zone\": \"CET \\\"x\\\" \\u00e9\"}", output.Calls[1].Arguments);
        Assert.Equal(["call_0", "call_1"], output.Calls.Select(c => c.Id));
    }

    [Fact]
    public void Text_around_calls_is_content_and_the_whitespace_leading_into_a_call_is_dropped()
    {
        var output = ParsedOutput.Of(Parser(), "Let me check.\n\n" + Weather + "\nDone.");

        Assert.Equal("Let me check.\nDone.", output.Content);
        Assert.Single(output.Calls);
    }

    [Fact]
    public void Text_without_calls_passes_through_unchanged_even_with_angle_brackets()
    {
        const string text = "  a <b> c <tool_cal d </tool_call> e\n";
        Assert.Equal("content=" + text + "|", ParsedOutput.Of(Parser(), text).Describe());
    }

    [Fact]
    public void Every_split_of_the_text_gives_the_same_result()
    {
        var text = "Sure: " + Weather + "\n" + Time + " ok <x";
        var whole = ParsedOutput.Of(Parser(), text).Describe();
        Assert.Equal("content=Sure: ok <x|get_weather:" + WeatherArguments + "|get_time:{\"zone\": \"CET \\\"x\\\" \\u00e9\"}", whole);
        for (var i = 1; i < text.Length; i++)
        {
            Assert.Equal(whole, ParsedOutput.Of(Parser(), text[..i], text[i..]).Describe());
            Assert.Equal(whole, ParsedOutput.Of(Parser(eager: true), text[..i], text[i..]).Describe());
        }
        Assert.Equal(whole, ParsedOutput.Of(Parser(), text.Select(c => c.ToString()).ToArray()).Describe());
    }

    [Fact]
    public void A_partial_marker_is_held_back_until_it_is_known()
    {
        var parser = Parser();
        Assert.Equal("Hi", Assert.Single(parser.Feed("Hi <tool_")).Content);
        Assert.Empty(parser.Feed("call"));
        Assert.Empty(parser.Feed(">\n{\"name\": \"f\", \"arguments\": {}}"));
        var items = parser.Feed("\n</tool_call>");
        Assert.Equal(("f", ""), (items[0].Call!.Name, items[0].Call!.Arguments));
        Assert.Equal("{}", items[1].Call!.Arguments);
    }

    [Theory]
    [InlineData("<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": tru}}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"f\"}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": 3, \"arguments\": {}}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"f\", \"arguments\": \"{}\"}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"f\", \"name\": \"g\", \"arguments\": {}}\n</tool_call>")]
    [InlineData("<tool_call>\nnot json\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": \"line\nbreak\"}}\n</tool_call>")]
    public void A_malformed_call_goes_back_to_content_unchanged(string text)
    {
        var output = ParsedOutput.Of(Parser(), "x " + text);

        Assert.Empty(output.Calls);
        Assert.Equal("x " + text, output.Content);
    }

    [Fact]
    public void After_a_malformed_call_a_good_one_is_still_found()
    {
        var output = ParsedOutput.Of(Parser(), "<tool_call><tool_call>\n{\"name\": \"f\", \"arguments\": {}}</tool_call>");

        Assert.Equal("<tool_call>", output.Content);
        Assert.Equal(("f", "{}"), (output.Calls[0].Name, output.Calls[0].Arguments));
    }

    [Fact]
    public void An_unterminated_call_at_the_end_is_dropped_in_auto_mode()
    {
        const string text = "ok <tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": [1, 2";
        var output = ParsedOutput.Of(Parser(), text);

        Assert.Empty(output.Calls);
        Assert.Equal("ok", output.Content);
    }

    [Theory]
    [InlineData("<tool_c")]
    [InlineData("<tool_call>\n")]
    [InlineData("<tool_call>\n{\"name\": \"ad")]
    public void Unfinished_call_markup_never_reaches_content(string text)
    {
        foreach (var eager in new[] { false, true })
        {
            var output = ParsedOutput.Of(Parser(eager: eager), text);
            Assert.Empty(output.Calls);
            Assert.Equal("", output.Content);
        }
    }

    [Fact]
    public void A_complete_call_missing_only_its_closing_marker_counts()
    {
        var output = ParsedOutput.Of(Parser(), "<tool_call>\n{\"arguments\": {\"n\": -0.5}, \"name\": \"f\", \"id\": 7}\n</tool_");

        Assert.Equal("", output.Content);
        Assert.Equal(("f", "{\"n\": -0.5}"), (output.Calls[0].Name, output.Calls[0].Arguments));
    }

    [Fact]
    public void Eagerly_streamed_arguments_arrive_in_pieces_as_they_are_generated()
    {
        var parser = Parser(eager: true);
        Assert.Empty(parser.Feed("<tool_call>\n{\"name\": \"f"));
        var items = parser.Feed("\", \"arguments\": {\"a\"");
        Assert.Equal(2, items.Count);
        Assert.Equal(("call_0", "f", ""), (items[0].Call!.Id, items[0].Call!.Name, items[0].Call!.Arguments));
        Assert.Equal("{\"a\"", items[1].Call!.Arguments);
        var more = Assert.Single(parser.Feed(": 1}"));
        Assert.Equal((0, null, ": 1}"), (more.Call!.Index, more.Call.Id, more.Call.Arguments));
        Assert.Empty(parser.Feed("}\n</tool_call>"));
        Assert.Empty(parser.Finish());
    }

    [Fact]
    public void Eager_mode_keeps_a_call_cut_short_as_a_call()
    {
        var output = ParsedOutput.Of(Parser(eager: true), "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": [1,");

        Assert.Equal("", output.Content);
        Assert.Equal(("f", "{\"a\": [1,"), (output.Calls[0].Name, output.Calls[0].Arguments));
    }

    [Fact]
    public void Without_parallel_calls_a_second_call_is_content()
    {
        var output = ParsedOutput.Of(Parser(maxCalls: 1), Weather + "\n" + Time);

        Assert.Single(output.Calls);
        Assert.Equal("\n" + Time, output.Content);
    }
}
