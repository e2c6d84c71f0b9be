using Granary.Engine.Abstractions;
using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Grpc.Core;
using static Granary.Testing.ScriptedInference.Scripts;
using FinishReason = Granary.Engine.Abstractions.FinishReason;
using WireFinish = Granary.Grpc.V1.FinishReason;

namespace Granary.Grpc.Tests.Services;

public sealed class GenerateStreamingTests
{
    [Fact]
    public async Task A_stream_is_start_then_deltas_then_end_with_usage()
    {
        await using var host = await GrpcHost.StartAsync();

        var messages = await host.Inference.Generate(Calls.Generate()).ReadAllAsync();

        Assert.Equal(GenerateResponse.EventOneofCase.Start, messages[0].EventCase);
        var start = messages[0].Start;
        Assert.StartsWith("cmpl-", start.RequestId);
        Assert.Equal(ScriptedInferenceClient.Model, start.Model);
        Assert.True(start.Created > 0);
        Assert.Equal(7, start.Prompt.TokenCount);
        Assert.Equal(2, start.Prompt.CachedTokenCount);
        Assert.Empty(start.Prompt.TokenIds);
        Assert.False(start.Prompt.HasText);

        var deltas = messages.Skip(1).SkipLast(1).ToList();
        Assert.All(deltas, m => Assert.Equal(GenerateResponse.EventOneofCase.Delta, m.EventCase));
        Assert.Equal(["Hello", " world", ""], deltas.Select(m => m.Delta.Text));
        Assert.Equal([100], deltas[0].Delta.TokenIds);
        Assert.Equal([1, 2, 2], deltas.Select(m => m.Delta.CompletionTokens));
        Assert.Equal([WireFinish.Unspecified, WireFinish.Unspecified, WireFinish.Stop], deltas.Select(m => m.Delta.FinishReason));
        Assert.Equal(ChoiceDelta.StopReasonOneofCase.None, deltas[2].Delta.StopReasonCase);

        var end = messages[^1];
        Assert.Equal(GenerateResponse.EventOneofCase.End, end.EventCase);
        Assert.Equal(new Usage { PromptTokens = 7, CompletionTokens = 2, TotalTokens = 9, CachedTokens = 2 }, end.End.Usage);
        Assert.Single(messages, m => m.EventCase == GenerateResponse.EventOneofCase.Start);
    }

    [Fact]
    public async Task Choices_are_indexed_and_counted_apart_and_usage_sums_them()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
        [
            Prompt(4),
            Delta(1, "b", 11),
            Delta(0, "a", 10),
            Delta(1, "b", 12),
            Finish(1, 3, FinishReason.Length),
            Delta(0, "a", 13),
            Finish(0, 2, FinishReason.Stop, stopReason: "###"),
        ], ct);

        var messages = await host.Inference.Generate(Calls.Generate(sampling: new SamplingParameters { N = 2 })).ReadAllAsync();

        Assert.Equal(2, host.Client.Calls.Single().Request.Sampling.N);
        var deltas = messages.Where(m => m.EventCase == GenerateResponse.EventOneofCase.Delta).Select(m => m.Delta).ToList();
        Assert.Equal([1, 0, 1, 1, 0, 0], deltas.Select(d => d.Index));
        // Running counts per choice; the finishing delta carries the engine's exact count.
        Assert.Equal([1, 1, 2, 3, 2, 2], deltas.Select(d => d.CompletionTokens));
        Assert.Equal(WireFinish.Length, deltas[3].FinishReason);
        Assert.Equal(WireFinish.Stop, deltas[5].FinishReason);
        Assert.Equal("###", deltas[5].StopString);
        Assert.Equal(new Usage { PromptTokens = 4, CompletionTokens = 5, TotalTokens = 9 }, messages[^1].End.Usage);
    }

    [Fact]
    public async Task A_stop_token_id_and_an_abort_are_reported()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(2), Delta(0, "x", 5), Finish(0, 1, FinishReason.Stop, stopTokenId: 128009), Finish(1, 0, FinishReason.Abort)], ct);

        var messages = await host.Inference.Generate(Calls.Generate(sampling: new SamplingParameters { N = 2 })).ReadAllAsync();

        var finish = messages[2].Delta;
        Assert.Equal(ChoiceDelta.StopReasonOneofCase.StopTokenId, finish.StopReasonCase);
        Assert.Equal(128009, finish.StopTokenId);
        Assert.Equal(WireFinish.Abort, messages[3].Delta.FinishReason);
    }

    [Fact]
    public async Task Logprobs_carry_token_bytes_and_top_alternatives()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
            [Prompt(2), Delta(0, "é", 42, [Logprob(42, "é", -0.25, (42, "é", -0.25), (7, "e", -1.5))]), Finish(0, 1)], ct);

        var messages = await host.Inference.Generate(Calls.Generate(sampling: new SamplingParameters { Logprobs = 2 })).ReadAllAsync();

        Assert.Equal(2, host.Client.Calls.Single().Request.Sampling.Logprobs);
        var logprob = Assert.Single(messages[1].Delta.Logprobs);
        Assert.Equal(42, logprob.TokenId);
        Assert.Equal("é", logprob.Token);
        Assert.Equal(-0.25, logprob.Logprob);
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, logprob.Bytes.ToByteArray());
        Assert.Equal([42, 7], logprob.Top.Select(t => t.TokenId));
        Assert.Equal([-0.25, -1.5], logprob.Top.Select(t => t.Logprob));
        Assert.Equal("e"u8.ToArray(), logprob.Top[1].Bytes.ToByteArray());
        Assert.Empty(messages[2].Delta.Logprobs);
    }

    [Fact]
    public async Task Echo_and_prompt_logprobs_come_back_in_the_start_message()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
            [Prompt(2, text: "Hi there", ids: [1, 9], logprobs: [null, Logprob(9, " there", -3)]), Finish(0, 0, FinishReason.Length)], ct);
        var request = Calls.Generate("Hi there");
        request.Echo = true;
        request.PromptLogprobs = 0;

        var messages = await host.Inference.Generate(request).ReadAllAsync();

        var sent = host.Client.Calls.Single().Request;
        Assert.True(sent.ReturnPrompt);
        Assert.Equal(0, sent.Sampling.PromptLogprobs);
        var prompt = messages[0].Start.Prompt;
        Assert.Equal([1, 9], prompt.TokenIds);
        Assert.Equal("Hi there", prompt.Text);
        Assert.Equal(2, prompt.Logprobs.Count);
        Assert.Null(prompt.Logprobs[0].Logprob);
        Assert.Equal(" there", prompt.Logprobs[1].Logprob.Token);
    }

    [Fact]
    public async Task Events_with_nothing_to_say_are_not_sent()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(1), new GenerationEvent { Choice = 0 }, Delta(0, "a", 3), Finish(0, 1)], ct);

        var messages = await host.Inference.Generate(Calls.Generate()).ReadAllAsync();

        Assert.Equal(4, messages.Count);
        Assert.Equal("a", messages[1].Delta.Text);
    }

    [Fact]
    public async Task A_text_prompt_and_a_token_prompt_reach_the_cluster_as_given()
    {
        await using var host = await GrpcHost.StartAsync();
        var text = Calls.Generate("Once upon");
        text.AddSpecialTokens = false;
        var tokens = new GenerateRequest { Model = ScriptedInferenceClient.Model, PromptTokenIds = { 1, 2, 3 } };

        await host.Inference.Generate(text).ReadAllAsync();
        await host.Inference.Generate(tokens).ReadAllAsync();

        var calls = host.Client.Calls.ToArray();
        Assert.Equal(ScriptedInferenceClient.Model, calls[0].Model);
        Assert.Equal("Once upon", calls[0].Request.Prompt.Text);
        Assert.False(calls[0].Request.Prompt.AddSpecialTokens);
        Assert.Null(calls[0].Request.Prompt.TokenIds);
        Assert.Equal([1, 2, 3], calls[1].Request.Prompt.TokenIds!);
        Assert.Null(calls[1].Request.Prompt.Text);
        Assert.False(calls[1].Request.ReturnPrompt);
    }

    [Fact]
    public async Task An_empty_text_prompt_is_a_prompt()
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.Generate(Calls.Generate("")).ReadAllAsync();

        var prompt = host.Client.Calls.Single().Request.Prompt;
        Assert.Equal("", prompt.Text);
        Assert.True(prompt.AddSpecialTokens);
    }

    [Fact]
    public async Task The_session_comes_from_the_request_else_from_metadata()
    {
        await using var host = await GrpcHost.StartAsync();
        var withField = Calls.Generate();
        withField.SessionId = "from-field";
        var metadata = new Metadata { { "x-session-id", "from-metadata" } };

        await host.Inference.Generate(withField, metadata).ReadAllAsync();
        await host.Inference.Generate(Calls.Generate(), metadata).ReadAllAsync();
        await host.Inference.Generate(Calls.Generate()).ReadAllAsync();

        Assert.Equal(["from-field", "from-metadata", null], host.Client.Calls.Select(c => c.SessionId));
    }
}
