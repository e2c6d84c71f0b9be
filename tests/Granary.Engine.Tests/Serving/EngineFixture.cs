using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>Starts engines over the fixture models with small, explicit KV pools.</summary>
internal static class EngineFixture
{
    public static Task<LlmEngine> Start(string model = "tiny-llama3", long kvBytes = 16 << 20, int blockSize = 16,
        int maxBatchedTokens = 512, int maxSequences = 256, bool prefixCaching = true, int? maxModelLength = null) =>
        LlmEngine.StartAsync(new EngineOptions
        {
            ModelPath = Fixtures.Model(model),
            KvCacheBytes = kvBytes,
            BlockSize = blockSize,
            MaxNumBatchedTokens = maxBatchedTokens,
            MaxNumSequences = maxSequences,
            EnablePrefixCaching = prefixCaching,
            MaxModelLength = maxModelLength,
        });

    public static GenerationRequest Greedy(int[] prompt, int maxTokens, int n = 1) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        Prompt = PromptInput.FromTokens(prompt),
        Sampling = new SamplingParams { Temperature = 0, MaxTokens = maxTokens, MaxTokensExplicit = true, IgnoreEos = true, N = n },
    };

    public static async Task<List<GenerationEvent>> Collect(IEngine engine, GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<GenerationEvent>();
        await foreach (var e in engine.GenerateAsync(request, cancellationToken)) events.Add(e);
        return events;
    }

    /// <summary>Each choice's generated token ids.</summary>
    public static int[][] Tokens(IReadOnlyList<GenerationEvent> events, int n = 1) =>
        Enumerable.Range(0, n).Select(c => events.Where(e => e.Prompt is null && e.Choice == c).SelectMany(e => e.TokenIds).ToArray()).ToArray();

    public static async Task WaitUntil(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(10);
        }
    }
}
