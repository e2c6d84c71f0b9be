using Granary.Engine.Abstractions;
using Granary.Grpc.Mapping;
using Granary.Grpc.V1;
using Granary.Serving;
using Granary.Serving.Generation;
using Grpc.Core;
using PromptInfo = Granary.Engine.Abstractions.PromptInfo;

namespace Granary.Grpc.Services;

/// <summary>
/// Streams one generation as <see cref="GenerateResponse"/>s: start (with the prompt), deltas, end
/// (with usage), read through the serving layer's <see cref="StartedGeneration"/>. Nothing is written
/// before the engine's prompt event, so errors raised up front (unknown model, prompt too long) end
/// the call with a clean status and no messages.
/// </summary>
internal sealed class GenerationStreamer(IInferenceClient client, TimeProvider time)
{
    public async Task StreamAsync(
        string model, GenerationRequest request, string? sessionId, IServerStreamWriter<GenerateResponse> writer, CancellationToken ct)
    {
        // The call's token reaches the cluster, so a client that cancels or disconnects aborts the generation.
        await using var generation = await StartedGeneration.StartAsync(client, model, [request], sessionId, ct);
        var prompt = generation.Prompts[0];
        await writer.WriteAsync(Start(model, request.RequestId, prompt), ct);
        var counters = new ChoiceCounters();
        await foreach (var item in generation.ReadEventsAsync(ct))
        {
            var delta = item.Event;
            if (delta.Text.Length == 0 && delta.TokenIds.Length == 0 && delta.Logprobs is not { Length: > 0 } && delta.FinishReason is null)
            {
                continue;
            }

            var completionTokens = counters.Apply(delta);
            await writer.WriteAsync(new GenerateResponse { Delta = ResponseMapper.ToChoiceDelta(delta, completionTokens) }, ct);
        }

        await writer.WriteAsync(End(prompt, counters.Total), ct);
    }

    private GenerateResponse Start(string model, string requestId, PromptInfo prompt) => new()
    {
        Start = new GenerationStart
        {
            RequestId = requestId,
            Model = model,
            Prompt = ResponseMapper.ToPromptInfo(prompt),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
        },
    };

    private static GenerateResponse End(PromptInfo prompt, int completionTokens) => new()
    {
        End = new GenerationEnd
        {
            Usage = new Usage
            {
                PromptTokens = prompt.TokenCount,
                CompletionTokens = completionTokens,
                TotalTokens = prompt.TokenCount + completionTokens,
                CachedTokens = prompt.CachedTokenCount,
            },
        },
    };
}
