using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.Streaming;

public sealed class ChatStreamingTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Streams_role_chunk_content_chunks_finish_chunk_then_done()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var chunks = await response.SseChunksAsync();
        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal(Model, c.GetProperty("model").GetString());
            Assert.False(c.TryGetProperty("usage", out _));
        });
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.StartsWith("chatcmpl-", chunks[0].GetProperty("id").GetString());

        var role = chunks[0].GetProperty("choices")[0];
        Assert.Equal("""{"role":"assistant","content":""}""", role.GetProperty("delta").GetRawText());
        Assert.Equal(JsonValueKind.Null, role.GetProperty("finish_reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, role.GetProperty("logprobs").ValueKind);
        Assert.Equal("""{"content":"Hello"}""", chunks[1].GetProperty("choices")[0].GetProperty("delta").GetRawText());
        Assert.Equal("""{"content":" world"}""", chunks[2].GetProperty("choices")[0].GetProperty("delta").GetRawText());
        var finish = chunks[3].GetProperty("choices")[0];
        Assert.Equal("{}", finish.GetProperty("delta").GetRawText());
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Include_usage_nulls_usage_on_every_chunk_and_adds_a_usage_chunk()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream":true,"n":2,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");

        var chunks = await response.SseChunksAsync();
        var last = chunks[^1];
        Assert.Empty(last.GetProperty("choices").EnumerateArray());
        Assert.Equal(7, last.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(11, last.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        // Each of the two choices gets its own role chunk first, and its own finish chunk.
        Assert.Equal([0, 1], chunks.Take(2).Select(c => c.GetProperty("choices")[0].GetProperty("index").GetInt32()));
        Assert.Equal(2, chunks.Count(c => c.GetProperty("choices").GetArrayLength() == 1 && c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String));
    }

    [Fact]
    public async Task Continuous_usage_stats_report_running_counts()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true},"messages":[{"role":"user","content":"Hi"}]}""");

        var chunks = await response.SseChunksAsync();
        Assert.Equal([0, 1, 2, 2, 2], chunks.Select(c => c.GetProperty("usage").GetProperty("completion_tokens").GetInt32()));
        Assert.All(chunks, c => Assert.Equal(7, c.GetProperty("usage").GetProperty("prompt_tokens").GetInt32()));
    }

    [Fact]
    public async Task Streams_logprobs_with_each_delta()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(2), Delta(0, "Hi", 10, [Logprob(10, "Hi", -0.5, (11, "Hey", -1))]), Finish(0, 1)], ct);
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream":true,"logprobs":true,"top_logprobs":1,"messages":[{"role":"user","content":"Hi"}]}""");

        var chunks = await response.SseChunksAsync();
        var token = Assert.Single(chunks[1].GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray());
        Assert.Equal("Hi", token.GetProperty("token").GetString());
        Assert.Equal("Hey", token.GetProperty("top_logprobs")[0].GetProperty("token").GetString());
    }

    [Fact]
    public async Task Stream_options_without_stream_is_refused()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "stream_options", "invalid_value");
    }

    [Fact]
    public async Task Errors_before_the_first_token_are_plain_http_errors_even_when_streaming()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => throw new EngineRequestException("This model's maximum context length is 8192 tokens.", "messages", "context_length_exceeded");
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "messages", "context_length_exceeded");
        Assert.Contains("maximum context length", message);
    }
}
