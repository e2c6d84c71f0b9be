using Granary.Grpc.Errors;
using Granary.Grpc.V1;

namespace Granary.Grpc.Validation;

/// <summary>vLLM's /tokenize rules: a text prompt, or a conversation rendered as a chat would be.</summary>
internal static class TokenizeRequestValidator
{
    public static void Validate(TokenizeRequest request)
    {
        if (request.HasPrompt && request.Messages.Count > 0)
        {
            throw InvalidArgument.Value("prompt", "set either prompt or messages, not both.");
        }

        if (request.HasPrompt)
        {
            return;
        }

        if (request.Messages.Count == 0)
        {
            throw InvalidArgument.Missing("prompt");
        }

        ChatMessagesValidator.Validate(request.Messages);
        ChatOptionsValidator.Validate(request.ToolsJson, request.ChatTemplateKwargsJson,
            !request.HasAddGenerationPrompt || request.AddGenerationPrompt, request.ContinueFinalMessage);
        // Chat templates write their own special tokens, so only "false" is served, as over HTTP.
        if (request.HasAddSpecialTokens && request.AddSpecialTokens)
        {
            throw InvalidArgument.NotSupported("add_special_tokens", "Adding special tokens to a rendered chat");
        }
    }
}
