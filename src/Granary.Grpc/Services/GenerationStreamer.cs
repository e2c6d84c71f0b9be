using Granary.Api;
using Granary.Engine.Abstractions;
using Granary.Grpc.Mapping;
using Granary.Grpc.V1;
using Grpc.Core;
using PromptInfo = Granary.Engine.Abstractions.PromptInfo;

namespace Granary.Grpc.Services;

/// <summary>
/// Streams one generation as <see cref="GenerateResponse"/>s: start (with the prompt), deltas, end
/// (with usage). Nothing is written before the engine's prompt event, so errors raised up front
/// (unknown model, prompt too long) end the call with a clean status and no messages.
/// </summary>
internal sealed class GenerationStreamer(IInferenceClient client, TimeProvider time)
{
    public async Task StreamAsync(
        string model, GenerationRequest request, string? sessionId, IServerStreamWriter<GenerateResponse> writer, CancellationToken ct)
    {
        PromptInfo? prompt = null;
        var counters = new ChoiceCounters();
        // The call's token reaches the cluster, so a client that cancels or disconnects aborts the generation.
        await foreach (var item in client.GenerateAsync(model, request, sessionId, ct).WithCancellation(ct))
        {
            if (prompt is null)
            {
                prompt = item.Prompt ?? throw new InvalidOperationException("The engine's first generation event did not describe the prompt.");
                await writer.WriteAsync(Start(model, request.RequestId, prompt), ct);
                continue;
            }

            if (item.Text.Length == 0 && item.TokenIds.Length == 0 && item.Logprobs is not { Length: > 0 } && item.FinishReason is null)
            {
                continue;
            }

            var completionTokens = counters.Apply(item);
            await writer.WriteAsync(new GenerateResponse { Delta = ResponseMapper.ToChoiceDelta(item, completionTokens) }, ct);
        }

        if (prompt is null)
        {
            throw new InvalidOperationException("The engine ended a generation stream before reporting its prompt.");
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
