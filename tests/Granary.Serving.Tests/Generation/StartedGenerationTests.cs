using Granary.Engine.Abstractions;
using Granary.Serving.Generation;

namespace Granary.Serving.Tests.Generation;

/// <summary>The event protocol: a prompt event first, then choice deltas, read the same way for HTTP and gRPC.</summary>
public sealed class StartedGenerationTests
{
    private static GenerationRequest Request(string id, int n = 1) =>
        new() { RequestId = id, Prompt = new PromptInput { Text = "hi" }, Sampling = new SamplingParams { N = n } };

    [Fact]
    public async Task The_prompt_event_is_consumed_and_only_deltas_follow()
    {
        var client = new ScriptedInferenceClient();

        await using var generation = await StartedGeneration.StartAsync(client, ScriptedInferenceClient.Model, [Request("a", n: 2)], null, CancellationToken.None);
        var events = await Collect(generation);

        Assert.Equal(7, Assert.Single(generation.Prompts).TokenCount);
        Assert.All(events, e => Assert.Null(e.Event.Prompt));
        Assert.Equal(6, events.Count); // two choices: "Hello", " world", finish
        Assert.Equal([0, 1], events.Where(e => e.Event.FinishReason is not null).Select(e => e.Event.Choice));
    }

    [Fact]
    public async Task Several_requests_start_together_and_their_deltas_carry_the_prompt_index()
    {
        var client = new ScriptedInferenceClient();

        await using var generation = await StartedGeneration.StartAsync(
            client, ScriptedInferenceClient.Model, [Request("a"), Request("b"), Request("c")], "session", CancellationToken.None);
        var events = await Collect(generation);

        Assert.Equal(3, generation.Prompts.Count);
        Assert.Equal([0, 1, 2], events.Select(e => e.PromptIndex).Distinct().Order());
        Assert.All(client.Calls, call => Assert.Equal("session", call.SessionId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_that_does_not_open_with_its_prompt_is_refused(bool empty)
    {
        var client = new ScriptedInferenceClient
        {
            Generate = (_, ct) => Scripts.Play(empty ? [] : [Scripts.Delta(0, "x", 1)], ct),
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartedGeneration.StartAsync(client, ScriptedInferenceClient.Model, [Request("a")], null, CancellationToken.None));
        Assert.Contains("prompt", error.Message);
    }

    [Fact]
    public async Task An_up_front_refusal_fails_the_start_and_cancels_the_sibling_requests()
    {
        var client = new ScriptedInferenceClient
        {
            Generate = (request, ct) => request.RequestId == "bad"
                ? Scripts.FailAtOnce(new EngineRequestException("too long", "messages", "context_length_exceeded"))
                : Forever(ct),
        };

        await Assert.ThrowsAsync<EngineRequestException>(() =>
            StartedGeneration.StartAsync(client, ScriptedInferenceClient.Model, [Request("good"), Request("bad")], null, CancellationToken.None));
        await client.GenerationCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Disposing_cancels_what_still_runs()
    {
        var client = new ScriptedInferenceClient { Generate = (_, ct) => Scripts.Endless(ct) };

        var generation = await StartedGeneration.StartAsync(client, ScriptedInferenceClient.Model, [Request("a")], null, CancellationToken.None);
        await generation.DisposeAsync();

        Assert.True(Assert.Single(client.Calls).Token.IsCancellationRequested);
    }

    private static async Task<List<IndexedEvent>> Collect(StartedGeneration generation)
    {
        var events = new List<IndexedEvent>();
        await foreach (var item in generation.ReadEventsAsync())
        {
            events.Add(item);
        }

        return events;
    }

    private static async IAsyncEnumerable<GenerationEvent> Forever([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        yield break;
    }
}
