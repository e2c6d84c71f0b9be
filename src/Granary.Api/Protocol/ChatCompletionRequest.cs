using Granary.Engine.Abstractions;
using Granary.Serving.Requests;

namespace Granary.Api.Protocol;

/// <summary>A validated POST /v1/chat/completions body: one engine request with n choices.</summary>
internal sealed record ChatCompletionRequest
{
    public required string Model { get; init; }
    public required ChatMessageParam[] Messages { get; init; }
    public SamplingFields Sampling { get; init; } = new();
    public bool Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public bool Logprobs { get; init; }
    public int? TopLogprobs { get; init; }

    /// <summary>Alternatives to return per token: top_logprobs (0 if absent) when logprobs is on; null when off.</summary>
    public int? TopLogprobCount => Logprobs ? TopLogprobs ?? 0 : null;

    /// <summary>The request's tools array re-serialized, handed to the chat template as <c>tools</c>.</summary>
    public string? ToolsJson { get; init; }

    /// <summary>Null when the client sent none: the engine then treats tools as auto.</summary>
    public ToolChoice? ToolChoice { get; init; }

    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>response_format, structured_outputs or guided_*; null for free text.</summary>
    public StructuredOutput? Structure { get; init; }
    public string? ChatTemplate { get; init; }
    public string? ChatTemplateKwargsJson { get; init; }
    public bool AddGenerationPrompt { get; init; } = true;
    public bool ContinueFinalMessage { get; init; }

    /// <summary>vLLM's echo: prefix the reply with the last message when that message is the assistant's.</summary>
    public bool Echo { get; init; }

    public bool ReturnTokensAsTokenIds { get; init; }
    public string? SessionId { get; init; }

    /// <summary>The text to prepend to every choice when echo is on; empty otherwise.</summary>
    public string EchoText => Echo && Messages.Length > 0 && Messages[^1].Role == "assistant" ? Messages[^1].Text : "";

    public ChatPrompt ToChatPrompt() => new()
    {
        Messages = Messages.Select(m => m.ToChatMessage()).ToArray(),
        ToolsJson = ToolsJson,
        AddGenerationPrompt = AddGenerationPrompt,
        ContinueFinalMessage = ContinueFinalMessage,
        ChatTemplateKwargsJson = ChatTemplateKwargsJson,
        ChatTemplate = ChatTemplate,
    };

    public GenerationRequest ToGenerationRequest(string requestId) => new()
    {
        RequestId = requestId,
        Prompt = PromptInput.FromChat(ToChatPrompt()),
        Sampling = Sampling.ToSamplingParams(TopLogprobCount, promptLogprobs: null),
        ToolChoice = ToolChoice,
        ParallelToolCalls = ParallelToolCalls,
        Structure = Structure,
    };
}
