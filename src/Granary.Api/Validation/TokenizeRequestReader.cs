using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Validation;

/// <summary>Reads vLLM's /tokenize body: either <c>prompt</c> (text) or <c>messages</c> (a chat to render).</summary>
internal static class TokenizeRequestReader
{
    public static TokenizeRequest Read(JsonElement root)
    {
        var body = new JsonObjectReader(root, "");
        var model = body.String("model");
        var returnTokenStrs = body.Boolean("return_token_strs") ?? false;
        var prompt = body.IsPresent("messages") ? ReadChat(body) : ReadText(body);
        body.RejectUnread();
        return new TokenizeRequest(model, prompt, returnTokenStrs);
    }

    private static PromptInput ReadText(JsonObjectReader body)
    {
        var text = body.String("prompt") ?? throw RequestErrors.Missing("prompt");
        return new PromptInput { Text = text, AddSpecialTokens = body.Boolean("add_special_tokens") ?? true };
    }

    private static PromptInput ReadChat(JsonObjectReader body)
    {
        var messages = ChatMessageReader.ReadAll(body);
        var (toolsJson, _) = ToolFieldsReader.ReadTools(body);
        var addGenerationPrompt = body.Boolean("add_generation_prompt") ?? true;
        var continueFinalMessage = body.Boolean("continue_final_message") ?? false;
        if (addGenerationPrompt && continueFinalMessage)
        {
            throw RequestErrors.InvalidValue("continue_final_message",
                "'continue_final_message' and 'add_generation_prompt' cannot both be true.");
        }

        // Chat templates write their own special tokens; vLLM's flag defaults to off for chats and we never add them.
        if (body.Boolean("add_special_tokens") == true)
        {
            throw RequestErrors.NotSupported("add_special_tokens", "Adding special tokens to a rendered chat");
        }

        return PromptInput.FromChat(new ChatPrompt
        {
            Messages = messages.Select(m => m.ToChatMessage()).ToArray(),
            ToolsJson = toolsJson,
            AddGenerationPrompt = addGenerationPrompt,
            ContinueFinalMessage = continueFinalMessage,
            ChatTemplate = body.String("chat_template"),
            ChatTemplateKwargsJson = ChatCompletionRequestReader.ReadTemplateKwargs(body),
        });
    }
}
