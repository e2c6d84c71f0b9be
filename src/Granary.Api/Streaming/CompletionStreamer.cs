using Granary.Api.Generation;
using Granary.Api.Protocol;
using Granary.Engine.Abstractions;
using Granary.Serving.Generation;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Streaming;

/// <summary>
/// Streams a text completion: the echoed prompt per choice when asked, text chunks, a finish chunk
/// per choice, the usage chunk when asked, then [DONE]; errors midway end it with an error event.
/// </summary>
internal sealed class CompletionStreamer(CompletionRequest request, string id, long created, SseWriter sse, ILogger logger)
{
    private readonly ChoiceTable _choices = new(request.Prompts.Length, request.Sampling.ChoiceCount);
    private int[] _textOffsets = [];
    private IReadOnlyList<PromptInfo> _prompts = [];

    /// <param name="firstPromptTokens">Per prompt, the decoded first token, for echoed logprobs.</param>
    public async Task StreamAsync(StartedGeneration generation, IReadOnlyList<string> firstPromptTokens, CancellationToken ct)
    {
        _prompts = generation.Prompts;
        _textOffsets = new int[_choices.Count];
        await sse.StartAsync(ct);
        await sse.RunAsync<CompletionChunk>(async ct =>
        {
            if (request.Echo)
            {
                await SendEchoesAsync(generation, firstPromptTokens, ct);
            }

            await foreach (var item in generation.ReadEventsAsync(ct))
            {
                var index = _choices.Apply(item);
                var delta = item.Event;
                if (delta.Text.Length > 0 || delta.Logprobs is { Length: > 0 })
                {
                    await SendAsync(new CompletionChoice { Index = index, Text = delta.Text, Logprobs = DeltaLogprobs(index, delta.Logprobs) }, ct);
                }

                if (delta.FinishReason is not null)
                {
                    await SendAsync(new CompletionChoice
                    {
                        Index = index,
                        Text = "",
                        FinishReason = FinishReasons.ToWire(delta.FinishReason),
                        StopReason = StopReasonValue.From(delta.StopReason, delta.StopTokenId),
                    }, ct);
                }
            }
        }, request.StreamOptions?.IncludeUsage == true ? () => Chunk([], CurrentUsage()) : null, logger, id, ct);
    }

    private async Task SendEchoesAsync(StartedGeneration generation, IReadOnlyList<string> firstPromptTokens, CancellationToken ct)
    {
        for (var index = 0; index < _choices.Count; index++)
        {
            var promptIndex = index / _choices.ChoicesPerPrompt;
            var prompt = generation.Prompts[promptIndex];
            CompletionLogprobs? logprobs = null;
            if (request.Logprobs is { } topCount)
            {
                var builder = new CompletionLogprobsBuilder(topCount, request.ReturnTokensAsTokenIds);
                builder.AddPrompt(prompt, firstPromptTokens[promptIndex], CompletionResponseBuilder.EchoText(request, prompt, promptIndex));
                _textOffsets[index] = builder.Offset;
                logprobs = builder.Build();
            }

            var text = CompletionResponseBuilder.EchoText(request, prompt, promptIndex);
            await SendAsync(new CompletionChoice { Index = index, Text = text, Logprobs = logprobs }, ct);
        }
    }

    private CompletionLogprobs? DeltaLogprobs(int index, Engine.Abstractions.TokenLogprob[]? logprobs)
    {
        if (request.Logprobs is not { } topCount)
        {
            return null;
        }

        var builder = new CompletionLogprobsBuilder(topCount, request.ReturnTokensAsTokenIds, _textOffsets[index]);
        foreach (var logprob in logprobs ?? [])
        {
            builder.Add(logprob);
        }

        _textOffsets[index] = builder.Offset;
        return builder.Build();
    }

    private Task SendAsync(CompletionChoice choice, CancellationToken ct) =>
        sse.WriteAsync(Chunk([choice], request.StreamOptions?.UsageInEveryChunk == true ? CurrentUsage() : null), ct);

    private CompletionChunk Chunk(IReadOnlyList<CompletionChoice> choices, Usage? usage) => new()
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
