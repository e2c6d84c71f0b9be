using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>Assembles a whole chat completion from the finished choices.</summary>
internal static class ChatResponseBuilder
{
    public static ChatCompletionResponse Build(
        ChatCompletionRequest request, string id, long created, IReadOnlyList<PromptInfo> prompts, ChoiceTable choices)
    {
        var echo = request.EchoText;
        var topCount = request.TopLogprobCount;
        return new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = request.Model,
            Choices = Enumerable.Range(0, choices.Count).Select(i => new ChatChoice
            {
                Index = i,
                Message = Message(echo + choices[i].Text, choices[i].ToolCalls.Build()),
                Logprobs = LogprobRendering.ToChat(choices[i].Logprobs, topCount, request.ReturnTokensAsTokenIds),
                FinishReason = FinishReasons.ToWire(choices[i].FinishReason),
                StopReason = StopReasonValue.From(choices[i].StopReason, choices[i].StopTokenId),
            }).ToArray(),
            Usage = choices.UsageFor(prompts),
        };
    }

    /// <summary>As OpenAI answers: a reply of only tool calls has null content.</summary>
    private static ChatResponseMessage Message(string content, IReadOnlyList<ChatResponseToolCall>? toolCalls) => new()
    {
        Content = toolCalls is not null && content.Length == 0 ? null : content,
        ToolCalls = toolCalls,
    };
}
