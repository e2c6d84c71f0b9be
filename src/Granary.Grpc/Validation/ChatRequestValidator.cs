using Granary.Grpc.V1;

namespace Granary.Grpc.Validation;

internal static class ChatRequestValidator
{
    public static void Validate(ChatRequest request)
    {
        ModelField.RequireModel(request.Model);
        ChatMessagesValidator.Validate(request.Messages);
        SamplingValidator.Validate(request.Sampling);
        ChatOptionsValidator.Validate(request.ToolsJson, request.ChatTemplateKwargsJson,
            !request.HasAddGenerationPrompt || request.AddGenerationPrompt, request.ContinueFinalMessage);
    }
}
