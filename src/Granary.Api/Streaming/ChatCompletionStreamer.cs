using Granary.Api.Generation;
using Granary.Api.Protocol;
using Granary.Engine.Abstractions;
using Granary.Serving.Generation;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Streaming;

/// <summary>
/// Streams a chat completion: per choice a role chunk, content and tool call chunks, then a finish
/// chunk with an empty delta; the usage chunk when asked; then [DONE]. A failure midway ends the
/// stream with an error event and [DONE].
/// </summary>
internal sealed class ChatCompletionStreamer(ChatCompletionRequest request, string id, long created, SseWriter sse, ILogger logger)
{
        private readonly ChoiceTable _choices = new(1, request.Sampling.ChoiceCount);
    private IReadOnlyList<PromptInfo> _prompts = [];

    public async Task StreamAsync(StartedGeneration generation, CancellationToken ct)
    {
        _prompts = generation.Prompts;
        await sse.StartAsync(ct);
        await sse.RunAsync<ChatCompletionChunk>(async ct =>
        {
            await SendOpeningChunksAsync(ct);
            await foreach (var item in generation.ReadEventsAsync(ct))
            {
                var index = _choices.Apply(item);
                var delta = item.Event;
                if (delta.Text.Length > 0 || delta.Logprobs is { Length: > 0 })
                {
                    await SendAsync(new ChatChunkChoice
                    {
                        Index = index,
                        Delta = new ChatDelta { Content = delta.Text },
                        Logprobs = LogprobRendering.ToChat(delta.Logprobs, request.TopLogprobCount, request.ReturnTokensAsTokenIds),
                    }, ct);
                }

                // One chunk per tool call piece, as OpenAI streams them: a call's start, then its argument text.
                foreach (var call in delta.ToolCalls ?? [])
                {
                    await SendAsync(new ChatChunkChoice { Index = index, Delta = new ChatDelta { ToolCalls = [ChatDeltaToolCall.From(call)] } }, ct);
                }

                if (delta.FinishReason is not null)
                {
                    await SendAsync(new ChatChunkChoice
                    {
                        Index = index,
                        Delta = new ChatDelta(),
                        FinishReason = FinishReasons.ToWire(delta.FinishReason),
                        StopReason = StopReasonValue.From(delta.StopReason, delta.StopTokenId),
                    }, ct);
                }
            }
        }, request.StreamOptions?.IncludeUsage == true ? () => Chunk([], CurrentUsage()) : null, logger, id, ct);
    }

    private async Task SendOpeningChunksAsync(CancellationToken ct)
    {
        for (var i = 0; i < _choices.Count; i++)
        {
            await SendAsync(new ChatChunkChoice { Index = i, Delta = new ChatDelta { Role = "assistant", Content = "" } }, ct);
        }

        var echo = request.EchoText;
        for (var i = 0; echo.Length > 0 && i < _choices.Count; i++)
        {
            await SendAsync(new ChatChunkChoice { Index = i, Delta = new ChatDelta { Content = echo } }, ct);
        }
    }

    private Task SendAsync(ChatChunkChoice choice, CancellationToken ct) =>
        sse.WriteAsync(Chunk([choice], request.StreamOptions?.UsageInEveryChunk == true ? CurrentUsage() : null), ct);

    private ChatCompletionChunk Chunk(IReadOnlyList<ChatChunkChoice> choices, Usage? usage) => new()
    {
        Id = id,
        Created = created,
        Model = request.Model,
        Choices = choices,
        Usage = usage,
        IncludeUsage = request.StreamOptions?.IncludeUsage == true,
    };

    private Usage CurrentUsage() => _choices.UsageFor(_prompts);
}
