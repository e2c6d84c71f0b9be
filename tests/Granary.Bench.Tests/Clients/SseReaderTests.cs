using System.Text;
using Granary.Bench.Clients;

namespace Granary.Bench.Tests.Clients;

public sealed class SseReaderTests
{
    [Fact]
    public async Task Reads_events_skipping_comments_and_other_fields()
    {
        const string stream = ": ping\n\ndata: {\"a\":1}\n\nevent: x\ndata:{\"b\":2}\n\ndata: line1\ndata: line2\n\ndata: [DONE]";
        using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(stream)));
        var events = new List<string>();
        while (await reader.ReadEventAsync(CancellationToken.None) is { } data) events.Add(data);
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "line1\nline2", "[DONE]"], events);
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"text":"x","finish_reason":null}]}""", true, false)]
    [InlineData("""{"choices":[{"index":0,"text":"","finish_reason":"length"}]}""", false, true)]
    [InlineData("""{"choices":[{"index":0,"text":"end","finish_reason":"stop"}]}""", true, true)]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":9}}""", false, false)]
    public void Completion_chunks(string json, bool hasText, bool finished)
    {
        var chunk = StreamChunk.Parse(json, BenchEndpoint.Completions);
        Assert.Equal(hasText, chunk.HasText);
        Assert.Equal(finished, chunk.Finished);
        Assert.Null(chunk.Error);
    }

    [Fact]
    public void Usage_is_read()
    {
        var chunk = StreamChunk.Parse("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":9,"total_tokens":12}}""", BenchEndpoint.Chat);
        Assert.Equal(3, chunk.PromptTokens);
        Assert.Equal(9, chunk.CompletionTokens);
        Assert.Null(chunk.CachedPromptTokens);
        var cached = StreamChunk.Parse("""{"choices":[],"usage":{"prompt_tokens":32,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":16}}}""", BenchEndpoint.Completions);
        Assert.Equal(16, cached.CachedPromptTokens);
    }
}
