using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

public sealed class LlmEngineTests
{
    [Theory]
    [InlineData("tiny-llama3")]
    [InlineData("tiny-qwen3")]
    public async Task Greedy_generation_through_the_engine_matches_transformers(string name)
    {
        using var engine = await LlmEngine.StartAsync(new EngineOptions { ModelPath = Fixtures.Model(name), KvCacheBytes = 16 << 20 });
        foreach (var golden in Fixtures.Golden(name))
        {
            var events = await Collect(engine, new GenerationRequest
            {
                RequestId = "r",
                Prompt = PromptInput.FromTokens(golden.Ids),
                Sampling = new SamplingParams { Temperature = 0, MaxTokens = 24, IgnoreEos = true },
            });
            Assert.Equal(golden.Ids.Length, events[0].Prompt!.TokenCount);
            Assert.Equal(golden.Greedy24, events.SelectMany(e => e.TokenIds).ToArray());
            Assert.Equal(FinishReason.Length, events[^1].FinishReason);
            Assert.Equal(24, events[^1].CompletionTokens);
        }
    }

    internal static async Task<List<GenerationEvent>> Collect(IEngine engine, GenerationRequest request)
    {
        var events = new List<GenerationEvent>();
        await foreach (var e in engine.GenerateAsync(request)) events.Add(e);
        return events;
    }
}
