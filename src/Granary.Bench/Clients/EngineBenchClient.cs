using Granary.Bench.Metrics;
using Granary.Bench.Workload;
using Granary.Engine.Abstractions;

namespace Granary.Bench.Clients;

/// <summary>
/// Sends benchmark requests straight to an engine (no HTTP, no Orleans) with the same sampling as
/// serve mode. Every event that carries token ids is a token chunk; the finish event's exact
/// completion count is the output length.
/// </summary>
internal sealed class EngineBenchClient(IEngine engine) : IBenchClient
{
    public async Task<RequestOutcome> SendAsync(BenchRequest request, double runStart, CancellationToken cancellationToken)
    {
        var generation = new GenerationRequest
        {
            RequestId = $"bench-{request.Index}",
            Prompt = PromptInput.FromTokens(request.PromptTokenIds),
            Sampling = new SamplingParams
            {
                Temperature = 0,
                MaxTokens = request.OutputTokens,
                MaxTokensExplicit = true,
                IgnoreEos = true,
            },
        };

        var timeline = new RequestTimeline(runStart, MonotonicClock.Now);
        var promptTokens = request.PromptTokenIds.Length;
        int? outputTokens = null;
        var cachedTokens = 0;
        try
        {
            await foreach (var item in engine.GenerateAsync(generation, cancellationToken).ConfigureAwait(false))
            {
                var at = MonotonicClock.Now;
                if (item.Prompt is { } prompt) (promptTokens, cachedTokens) = (prompt.TokenCount, prompt.CachedTokenCount);
                if (item.TokenIds.Length > 0) timeline.Token(at);
                else if (item.FinishReason is not null) timeline.Other(at);
                if (item.FinishReason == FinishReason.Abort) return timeline.Failed("the engine aborted the request", promptTokens);
                if (item.FinishReason is not null) outputTokens = item.CompletionTokens;
            }
        }
        catch (EngineRequestException ex)
        {
            return timeline.Failed($"rejected: {ex.Message}", promptTokens);
        }

        if (outputTokens is not { } output) return timeline.Failed("the engine ended the request without finishing it", promptTokens);
        if (output < 1) return timeline.Failed("the engine reported no completion tokens", promptTokens);
        return timeline.Succeeded(promptTokens, output, cachedTokens);
    }
}
