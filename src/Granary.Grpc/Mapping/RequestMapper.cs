using Granary.Engine.Abstractions;
using Granary.Grpc.V1;
using Granary.Serving;

namespace Granary.Grpc.Mapping;

/// <summary>Validated wire requests to what <see cref="Api.IInferenceClient"/> takes.</summary>
internal static class RequestMapper
{
    public static GenerationRequest ToGenerationRequest(GenerateRequest request, string requestId) => new()
    {
        RequestId = requestId,
        Prompt = request.HasPrompt
            ? new PromptInput { Text = request.Prompt, AddSpecialTokens = !request.HasAddSpecialTokens || request.AddSpecialTokens }
            : PromptInput.FromTokens(request.PromptTokenIds.ToArray()),
        Sampling = SamplingMapper.ToSamplingParams(request.Sampling, request.HasPromptLogprobs ? request.PromptLogprobs : null),
        ReturnPrompt = request.Echo,
    };

    public static GenerationRequest ToGenerationRequest(ChatRequest request, string requestId) => new()
    {
        RequestId = requestId,
        Prompt = PromptInput.FromChat(ChatMapper.ToChatPrompt(
            request.Messages, request.ToolsJson, request.ChatTemplateKwargsJson,
            !request.HasAddGenerationPrompt || request.AddGenerationPrompt, request.ContinueFinalMessage, request.ChatTemplate)),
        Sampling = SamplingMapper.ToSamplingParams(request.Sampling, promptLogprobs: null),
        // The wire has no tool call fields yet: tools only inform the template, and the reply stays raw text.
        ToolChoice = ToolChoice.None,
    };

    public static PromptInput ToPromptInput(TokenizeRequest request) => request.HasPrompt
        ? new PromptInput { Text = request.Prompt, AddSpecialTokens = !request.HasAddSpecialTokens || request.AddSpecialTokens }
        : PromptInput.FromChat(ChatMapper.ToChatPrompt(
            request.Messages, request.ToolsJson, request.ChatTemplateKwargsJson,
            !request.HasAddGenerationPrompt || request.AddGenerationPrompt, request.ContinueFinalMessage, request.ChatTemplate));
}
