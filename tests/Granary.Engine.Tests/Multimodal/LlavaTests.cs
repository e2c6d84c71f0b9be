using Granary.Engine.Abstractions;
using Granary.Engine.Generation;
using Granary.Engine.Multimodal;
using Granary.Engine.Serving;
using Granary.Engine.Tests.Serving;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Multimodal;

public sealed class LlavaTests
{
    private const int ImageTokens = 16;

    private static PromptImage FixtureImage(int offset)
    {
        var processor = new ClipImageProcessor(new ClipImageProcessorConfig { ShortestEdge = 32, CropSize = (32, 32) });
        return new PromptImage(offset, ImageTokens, processor.Process(ImageDecoder.TryDecode(TinyLlava.ImageBytes, 1 << 20, out _)!), 32, 32);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Prompt_logits_with_the_image_match_transformers(int index)
    {
        var (ids, _) = TinyLlava.Golden(index);
        var (expected, shape) = GoldenLogits.Read(TinyLlava.Name, index);
        using var image = FixtureImage(Array.IndexOf(ids, 600));
        using var runner = new Runner(TinyLlava.Model);

        var actual = runner.Logits([new ScheduledChunk(ids, 0, runner.Blocks(ids.Length), AllLogits: true, Images: [image])]);

        Assert.Equal(shape[0] * shape[1], actual.Length);
        Assert.InRange(GoldenLogits.RelativeError(actual, expected), 0, 1e-4);
    }

    [Fact]
    public void A_chunk_boundary_inside_the_image_gives_the_same_logits()
    {
        var (ids, _) = TinyLlava.Golden(0);
        using var image = FixtureImage(1);
        using var whole = new Runner(TinyLlava.Model);
        using var split = new Runner(TinyLlava.Model);
        var expected = whole.Logits([new ScheduledChunk(ids, 0, whole.Blocks(ids.Length), Images: [image])]);

        var blocks = split.Blocks(ids.Length);
        Assert.Null(split.ModelRunner.Execute([new ScheduledChunk(ids[..7], 0, blocks, NeedsLogits: false, Images: [image])]));
        var actual = split.Logits([new ScheduledChunk(ids[7..], 7, blocks, Images: [image])]);

        Assert.InRange(GoldenLogits.RelativeError(actual, expected), 0, 1e-5);
    }

    [Fact]
    public void Without_the_image_the_logits_differ()
    {
        var (ids, _) = TinyLlava.Golden(0);
        var (expected, _) = GoldenLogits.Read(TinyLlava.Name, 0);
        using var runner = new Runner(TinyLlava.Model);

        var actual = runner.Logits([new ScheduledChunk(ids, 0, runner.Blocks(ids.Length), AllLogits: true)]);

        Assert.True(GoldenLogits.RelativeError(actual, expected) > 1e-2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Chat_with_a_data_url_image_tokenizes_as_the_llava_processor_does(int index)
    {
        using var engine = await EngineFixture.Start(TinyLlava.Name);

        var result = engine.Tokenize(PromptInput.FromChat(TinyLlava.Chat(index, TinyLlava.ImageDataUrl)));

        Assert.Equal(TinyLlava.Golden(index).InputIds, result.Tokens);
        Assert.True(engine.Card.AcceptsImages);
    }

    [Theory]
    [InlineData(0, 512)]
    [InlineData(1, 512)]
    [InlineData(0, 8)] // the encoder's 16 patches do not fit a step: the chunk stops before the image, which then runs alone
    [InlineData(1, 8)]
    public async Task Greedy_tokens_with_the_image_match_transformers(int index, int maxBatchedTokens)
    {
        using var engine = await EngineFixture.Start(TinyLlava.Name, maxBatchedTokens: maxBatchedTokens);

        var events = await EngineFixture.Collect(engine, ChatRequest(TinyLlava.Chat(index, TinyLlava.ImageDataUrl), 16));

        Assert.Equal(TinyLlava.Golden(index).Greedy16, EngineFixture.Tokens(events)[0]);
    }

    [Fact]
    public async Task The_prefix_cache_keeps_different_images_apart()
    {
        using var engine = await EngineFixture.Start(TinyLlava.Name, blockSize: 16);
        var other = ClipImageProcessorTests.Encode(SkiaSharp.SKEncodedImageFormat.Png, 48, 40, SkiaSharp.SKColors.Teal);
        var otherUrl = "data:image/png;base64," + Convert.ToBase64String(other);

        async Task<(int Cached, int[] Tokens)> Run(string url)
        {
            var events = await EngineFixture.Collect(engine, ChatRequest(TinyLlava.Chat(0, url), 4));
            return (events[0].Prompt!.CachedTokenCount, EngineFixture.Tokens(events)[0]);
        }

        var first = await Run(TinyLlava.ImageDataUrl);
        var different = await Run(otherUrl);
        var same = await Run(TinyLlava.ImageDataUrl);

        Assert.Equal(0, first.Cached);
        Assert.Equal(0, different.Cached); // same token ids, but the first block holds another image
        Assert.Equal(16, same.Cached);
        Assert.Equal(first.Tokens, same.Tokens);
        Assert.Equal(TinyLlava.Golden(0).Greedy16[..4], same.Tokens);
        Assert.NotEqual(first.Tokens, different.Tokens);
    }

    [Fact]
    public async Task Bad_images_are_the_clients_error_at_their_path()
    {
        using var engine = await EngineFixture.Start(TinyLlava.Name);
        var chat = TinyLlava.Chat(1, "data:image/png;base64," + Convert.ToBase64String("not a png"u8.ToArray()));

        var undecodable = await Assert.ThrowsAsync<EngineRequestException>(() => EngineFixture.Collect(engine, ChatRequest(chat, 1)));
        var notBase64 = await Assert.ThrowsAsync<EngineRequestException>(() =>
            EngineFixture.Collect(engine, ChatRequest(TinyLlava.Chat(1, "data:image/png;base64,@@@@"), 1)));
        var remote = await Assert.ThrowsAsync<EngineRequestException>(() =>
            EngineFixture.Collect(engine, ChatRequest(TinyLlava.Chat(0, "https://example.com/a.png"), 1)));
        var twoPlaceholders = await Assert.ThrowsAsync<EngineRequestException>(() => EngineFixture.Collect(engine,
            ChatRequest(TinyLlava.Chat(0, TinyLlava.ImageDataUrl) with { ChatTemplate = TinyLlava.StringTemplate + "<image>" }, 1)));

        Assert.Equal("messages[0].content[1].image_url", undecodable.Param);
        Assert.Equal("messages[0].content[1].image_url", notBase64.Param);
        Assert.Equal("messages[0].content[0].image_url", remote.Param);
        Assert.Contains("--allow-image-urls", remote.Message);
        Assert.Equal("messages", twoPlaceholders.Param);
    }

    [Fact]
    public async Task A_text_only_model_refuses_images_at_their_path()
    {
        using var engine = await EngineFixture.Start("tiny-llama3");

        var error = await Assert.ThrowsAsync<EngineRequestException>(() =>
            EngineFixture.Collect(engine, ChatRequest(TinyLlava.Chat(1, TinyLlava.ImageDataUrl), 1)));

        Assert.Equal("messages[0].content[1]", error.Param);
        Assert.False(engine.Card.AcceptsImages);
    }

    private static GenerationRequest ChatRequest(ChatPrompt chat, int maxTokens) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Prompt = PromptInput.FromChat(chat),
        Sampling = new SamplingParams { Temperature = 0, MaxTokens = maxTokens, MaxTokensExplicit = true, IgnoreEos = true },
    };
}
