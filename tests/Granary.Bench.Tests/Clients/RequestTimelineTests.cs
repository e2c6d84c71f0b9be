using Granary.Bench.Clients;

namespace Granary.Bench.Tests.Clients;

public sealed class RequestTimelineTests
{
    [Fact]
    public void First_token_chunk_is_ttft_later_ones_are_gaps_and_the_finish_chunk_ends_it()
    {
        var timeline = new RequestTimeline(runStart: 10.0, sentAt: 10.5);
        timeline.Token(10.6);
        timeline.Token(10.65);
        timeline.Token(10.75);
        timeline.Other(10.76); // finish chunk: ends the request, is no token gap
        var outcome = timeline.Succeeded(promptTokens: 8, outputTokens: 4);

        Assert.True(outcome.Success);
        Assert.Equal(0.5, outcome.StartTime, 9);
        Assert.Equal(0.1, outcome.Ttft, 9);
        Assert.Equal(0.26, outcome.Latency, 9);
        Assert.Equal([0.05, 0.1], outcome.InterTokenLatencies.Select(g => Math.Round(g, 9)));
        Assert.Equal(4, outcome.OutputTokens); // from usage, not from the three chunks
        Assert.Equal(8, outcome.PromptTokens);
    }

    [Fact]
    public void A_stream_whose_text_all_came_in_the_finish_chunk_takes_it_as_first_token()
    {
        var timeline = new RequestTimeline(0, 1.0);
        timeline.Other(1.2);
        var outcome = timeline.Succeeded(4, 2);
        Assert.Equal(0.2, outcome.Ttft, 9);
        Assert.Equal(0.2, outcome.Latency, 9);
        Assert.Empty(outcome.InterTokenLatencies);
    }

    [Fact]
    public void A_stream_without_any_chunk_of_the_choice_fails()
    {
        var outcome = new RequestTimeline(0, 1.0).Succeeded(4, 2);
        Assert.False(outcome.Success);
        Assert.Contains("no chunk", outcome.Error);
    }
}
