using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.Streaming;

public sealed class CompletionStreamingTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Streams_text_chunks_then_a_finish_chunk_then_done()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"Say","stream":true}""");

        var chunks = await response.SseChunksAsync();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.Equal("text_completion", c.GetProperty("object").GetString());
            Assert.StartsWith("cmpl-", c.GetProperty("id").GetString());
        });
        Assert.Equal(["Hello", " world", ""], chunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, chunks[0].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.Equal("stop", chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Multi_prompt_streams_index_choices_prompt_major_and_sum_usage()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/completions",
            $$$"""{"model":"{{{Model}}}","prompt":["a","b"],"n":2,"stream":true,"stream_options":{"include_usage":true}}""");

        var chunks = await response.SseChunksAsync();
        var texts = chunks.Where(c => c.GetProperty("choices").GetArrayLength() == 1)
            .GroupBy(c => c.GetProperty("choices")[0].GetProperty("index").GetInt32())
            .ToDictionary(g => g.Key, g => string.Concat(g.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal([0, 1, 2, 3], texts.Keys.Order());
        Assert.All(texts.Values, t => Assert.Equal("Hello world", t));
        var usage = chunks[^1].GetProperty("usage");
        Assert.Equal(14, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(8, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(2, host.Client.Calls.Count);
    }

    [Fact]
    public async Task Echo_streams_the_prompt_first_with_its_logprobs()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
        [
            Prompt(2, text: "Say it", ids: [1, 2], logprobs: [null, Logprob(2, " it", -2, (3, " that", -1))]),
            Delta(0, "!", 4, [Logprob(4, "!", -0.1)]),
            Finish(0, 1),
        ], ct);
        var response = await host.Http.PostJsonAsync("/v1/completions",
            $$"""{"model":"{{Model}}","prompt":"Say it","echo":true,"logprobs":1,"stream":true}""");

        var chunks = await response.SseChunksAsync();
        var echo = chunks[0].GetProperty("choices")[0];
        Assert.Equal("Say it", echo.GetProperty("text").GetString());
        Assert.Equal(["1", " it"], echo.GetProperty("logprobs").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, echo.GetProperty("logprobs").GetProperty("token_logprobs")[0].ValueKind);
        var delta = chunks[1].GetProperty("choices")[0].GetProperty("logprobs");
        // Offsets index the returned text: "1" is not in it (zero-width), " it" is at 3, and "!" follows "Say it".
        Assert.Equal([0, 3], echo.GetProperty("logprobs").GetProperty("text_offset").EnumerateArray().Select(o => o.GetInt32()));
        Assert.Equal([6], delta.GetProperty("text_offset").EnumerateArray().Select(o => o.GetInt32()));
    }
}
