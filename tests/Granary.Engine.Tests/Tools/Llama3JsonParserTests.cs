using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

/// <summary>The streaming parser on Llama 3 JSON output: the reply is <c>{"name": ..., "parameters": ...}</c> calls.</summary>
public sealed class Llama3JsonParserTests
{
    private const string Weather = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}";
    private const string Time = "{\"name\": \"get_time\", \"arguments\": {\"zone\": null, \"dst\": false}}";

    private static ToolCallStreamParser Parser(int maxCalls = int.MaxValue, bool eager = false) =>
        new(ToolCallFormat.Llama3Json.Syntax, maxCalls, eager, ParsedOutput.CountingIds());

    [Fact]
    public void A_call_reads_parameters_as_the_arguments()
    {
        var output = ParsedOutput.Of(Parser(), Weather);

        Assert.Equal("", output.Content);
        Assert.Equal(("call_0", "get_weather", "{\"city\": \"Paris\"}"), Assert.Single(output.Calls));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<|python_tag|>")]
    [InlineData("\n <|python_tag|> ")]
    public void Calls_separated_by_semicolons_after_an_optional_python_tag(string opener)
    {
        var output = ParsedOutput.Of(Parser(), opener + Weather + "; " + Time + ";\n");

        Assert.Equal("", output.Content);
        Assert.Equal("content=|get_weather:{\"city\": \"Paris\"}|get_time:{\"zone\": null, \"dst\": false}", output.Describe());
    }

    [Fact]
    public void Every_split_of_the_text_gives_the_same_result()
    {
        var text = "<|python_tag|>" + Weather + " ;" + Time;
        var whole = ParsedOutput.Of(Parser(), text).Describe();
        Assert.Equal("content=|get_weather:{\"city\": \"Paris\"}|get_time:{\"zone\": null, \"dst\": false}", whole);
        for (var i = 1; i < text.Length; i++)
        {
            Assert.Equal(whole, ParsedOutput.Of(Parser(), text[..i], text[i..]).Describe());
            Assert.Equal(whole, ParsedOutput.Of(Parser(eager: true), text[..i], text[i..]).Describe());
        }
        Assert.Equal(whole, ParsedOutput.Of(Parser(), text.Select(c => c.ToString()).ToArray()).Describe());
    }

    [Theory]
    [InlineData("The weather is {\"name\": \"x\", \"parameters\": {}}")]
    [InlineData("  plain answer\n")]
    [InlineData("<|python_tag|>print(1)")]
    [InlineData("{\"answer\": 42}")]
    public void Text_that_does_not_open_with_a_whole_call_is_content(string text)
    {
        var output = ParsedOutput.Of(Parser(), text);

        Assert.Empty(output.Calls);
        Assert.Equal(text, output.Content);
    }

    [Theory]
    [InlineData("<|python")]
    [InlineData("{\"name\": \"f\", \"parameters\": {\"a\": 1}")]
    public void An_unfinished_call_at_the_end_is_dropped(string text)
    {
        var output = ParsedOutput.Of(Parser(), text);

        Assert.Empty(output.Calls);
        Assert.Equal("", output.Content);
    }

    [Fact]
    public void Text_after_the_calls_is_content()
    {
        var output = ParsedOutput.Of(Parser(), Weather + "\nThat is all.");

        Assert.Equal("\nThat is all.", output.Content);
        Assert.Single(output.Calls);
    }

    [Fact]
    public void A_separator_not_followed_by_a_call_is_given_back()
    {
        var output = ParsedOutput.Of(Parser(), Weather + "; and more");

        Assert.Equal("; and more", output.Content);
        Assert.Single(output.Calls);
    }

    [Fact]
    public void Without_parallel_calls_the_second_call_is_content()
    {
        var output = ParsedOutput.Of(Parser(maxCalls: 1), Weather + "; " + Time);

        Assert.Equal("; " + Time, output.Content);
        Assert.Single(output.Calls);
    }

    [Fact]
    public void Eager_mode_streams_the_first_call_before_the_second_begins()
    {
        var parser = Parser(eager: true);
        var output = new ParsedOutput();
        var first = parser.Feed(Weather[..^3]);
        Assert.Equal(["get_weather", null], first.Select(i => i.Call!.Name));
        Assert.Equal("{\"city\": \"Paris", first[1].Call!.Arguments);
        output.Add(first);
        output.Add(parser.Feed(Weather[^3..] + "; " + Time[..20]));
        Assert.Equal(2, parser.CallCount);
        output.Add(parser.Finish());
        Assert.Equal("content=|get_weather:{\"city\": \"Paris\"}|get_time:", output.Describe());
    }
}
