using System.Net;
using System.Text.Json.Nodes;
using Granary.Bench.Clients;
using Granary.Bench.Tests.Support;
using Granary.Bench.Workload;

namespace Granary.Bench.Tests.Clients;

public sealed class HttpBenchClientTests
{
    private static readonly BenchRequest Request = new(0, [5, 6, 7, 8], 7);

    private static string Text(string text, string? finish = null) =>
        new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["text"] = text, ["finish_reason"] = finish }) }.ToJsonString();

    private const string Usage = """{"choices":[],"usage":{"prompt_tokens":4,"completion_tokens":7,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":0}}}""";

    private static async Task<(Granary.Bench.Metrics.RequestOutcome Outcome, StubHandler Handler)> SendAsync(StubHandler handler, BenchEndpoint endpoint = BenchEndpoint.Completions, BenchRequest? request = null)
    {
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://bench.test/") };
        var client = new HttpBenchClient(http, "tiny", endpoint, TimeSpan.FromSeconds(30));
        return (await client.SendAsync(request ?? Request, MonotonicClock.Now, CancellationToken.None), handler);
    }

    [Fact]
    public async Task Sends_token_ids_greedy_exact_length_streaming_with_usage()
    {
        var (_, handler) = await SendAsync(StubHandler.Sse(Text("a"), Text("", "length"), Usage, "[DONE]"));
        Assert.Equal("http://bench.test/v1/completions", handler.RequestUri!.ToString());
        var body = JsonNode.Parse(handler.RequestBody!)!;
        Assert.Equal("tiny", (string?)body["model"]);
        Assert.Equal([5, 6, 7, 8], body["prompt"]!.AsArray().Select(n => (int)n!));
        Assert.Equal(7, (int)body["max_tokens"]!);
        Assert.True((bool)body["ignore_eos"]!);
        Assert.Equal(0, (double)body["temperature"]!);
        Assert.True((bool)body["stream"]!);
        Assert.True((bool)body["stream_options"]!["include_usage"]!);
    }

    [Fact]
    public async Task Output_tokens_come_from_usage_not_from_the_number_of_chunks()
    {
        // Three text chunks carry seven tokens (the server held some text back): usage is the truth.
        var (outcome, _) = await SendAsync(StubHandler.Sse(Text("a"), Text("bc"), Text("d"), Text("", "length"), Usage, "[DONE]"));
        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal(7, outcome.OutputTokens);
        Assert.Equal(4, outcome.PromptTokens);
        Assert.Equal(2, outcome.InterTokenLatencies.Count); // gaps between the three text chunks only
    }

    [Fact]
    public async Task Times_follow_the_stream_as_it_arrives()
    {
        // Text every 40 ms, then the usage chunk only after a long pause: the request must end at its
        // finish chunk, before that pause. Only lower bounds and that ordering are asserted; a loaded
        // host may stretch any wait.
        string[] events = [Text("a"), Text("b"), Text("c"), Text("", "length"), Usage, "[DONE]"];
        var pace = TimeSpan.FromMilliseconds(40);
        var usagePause = TimeSpan.FromSeconds(1.5);
        var handler = new StubHandler(HttpStatusCode.OK, events.Select(e => $"data: {e}\n\n").ToArray(), [pace, pace, pace, pace, usagePause, TimeSpan.Zero]);
        var started = MonotonicClock.Now;
        var (outcome, _) = await SendAsync(handler);
        var wall = MonotonicClock.Now - started;

        Assert.True(outcome.Success, outcome.Error);
        Assert.True(outcome.Ttft >= 0.035, $"TTFT {outcome.Ttft}");
        Assert.All(outcome.InterTokenLatencies, gap => Assert.True(gap >= 0.035, $"gap {gap}"));
        Assert.True(outcome.Latency - outcome.Ttft >= 3 * 0.035, $"E2E {outcome.Latency}, TTFT {outcome.Ttft}");
        Assert.True(outcome.Latency <= wall - usagePause.TotalSeconds + 0.01, $"E2E {outcome.Latency} of {wall} s in all");
    }

    [Fact]
    public async Task Chat_ignores_the_role_chunk_for_ttft()
    {
        const string role = """{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""";
        const string content = """{"choices":[{"index":0,"delta":{"content":"hi"}}]}""";
        const string finish = """{"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}""";
        string[] events = [role, content, content, finish, Usage, "[DONE]"];
        var handler = new StubHandler(HttpStatusCode.OK, events.Select(e => $"data: {e}\n\n").ToArray(), TimeSpan.FromMilliseconds(40));
        var (outcome, h) = await SendAsync(handler, BenchEndpoint.Chat, Request with { PromptText = "hello" });

        Assert.True(outcome.Success, outcome.Error);
        Assert.Equal("http://bench.test/v1/chat/completions", h.RequestUri!.ToString());
        Assert.Equal("hello", (string?)JsonNode.Parse(h.RequestBody!)!["messages"]![0]!["content"]);
        Assert.True(outcome.Ttft >= 0.075, $"TTFT {outcome.Ttft}"); // the second chunk, not the role chunk at 40 ms
        Assert.Single(outcome.InterTokenLatencies);
    }

    [Fact]
    public async Task Prefix_cache_hits_the_server_reports_are_kept()
    {
        const string cachedUsage = """{"choices":[],"usage":{"prompt_tokens":4,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":3}}}""";
        var (outcome, _) = await SendAsync(StubHandler.Sse(Text("a"), Text("", "length"), cachedUsage, "[DONE]"));
        Assert.Equal(3, outcome.CachedPromptTokens);
        var metrics = Granary.Bench.Metrics.MetricsCalculator.Compute([outcome, outcome], 1.0, [99]);
        Assert.Equal(6, metrics.TotalCachedInputTokens);
    }

    [Fact]
    public async Task A_stream_without_usage_fails()
    {
        var (outcome, _) = await SendAsync(StubHandler.Sse(Text("a"), Text("", "length"), "[DONE]"));
        Assert.False(outcome.Success);
        Assert.Contains("usage", outcome.Error);
    }

    [Fact]
    public async Task A_choice_the_server_aborted_fails()
    {
        var (outcome, _) = await SendAsync(StubHandler.Sse(Text("a"), Text("", "abort"), Usage, "[DONE]"));
        Assert.False(outcome.Success);
        Assert.Contains("aborted", outcome.Error);
    }

    [Fact]
    public async Task An_error_event_midway_fails()
    {
        var (outcome, _) = await SendAsync(StubHandler.Sse(Text("a"), """{"error":{"message":"engine died","type":"server_error"}}""", "[DONE]"));
        Assert.False(outcome.Success);
        Assert.Equal("stream error: engine died", outcome.Error);
    }

    [Fact]
    public async Task An_http_error_fails_with_the_servers_message()
    {
        var handler = new StubHandler(HttpStatusCode.BadRequest, ["""{"error":{"message":"Token id 700 is out of vocabulary (size 600).","type":"invalid_request_error"}}"""], TimeSpan.Zero);
        var (outcome, _) = await SendAsync(handler);
        Assert.False(outcome.Success);
        Assert.Equal("HTTP 400: Token id 700 is out of vocabulary (size 600).", outcome.Error);
    }
}
