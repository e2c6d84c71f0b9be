using Granary.Engine.Abstractions;
using Google.Protobuf.Collections;
using Wire = Granary.Grpc.V1;

namespace Granary.Grpc.Mapping;

/// <summary>Wire chat messages and options to the engine's <see cref="ChatPrompt"/>; empty strings mean absent.</summary>
internal static class ChatMapper
{
    public static ChatPrompt ToChatPrompt(
        RepeatedField<Wire.ChatMessage> messages, string toolsJson, string chatTemplateKwargsJson,
        bool addGenerationPrompt, bool continueFinalMessage, string chatTemplate) => new()
        {
            Messages = messages.Select(ToChatMessage).ToArray(),
            ToolsJson = NullIfEmpty(toolsJson),
            ChatTemplateKwargsJson = NullIfEmpty(chatTemplateKwargsJson),
            AddGenerationPrompt = addGenerationPrompt,
            ContinueFinalMessage = continueFinalMessage,
            ChatTemplate = NullIfEmpty(chatTemplate),
        };

    public static ChatMessage ToChatMessage(Wire.ChatMessage message) => new()
    {
        Role = message.Role,
        Content = message.HasContent ? message.Content : null,
        Parts = message.Parts.Count > 0 ? message.Parts.Select(ToContentPart).ToArray() : null,
        Name = NullIfEmpty(message.Name),
        ToolCalls = message.ToolCalls.Count > 0
            ? message.ToolCalls.Select(c => new ToolCall { Id = c.Id, Name = c.Name, Arguments = c.Arguments }).ToArray()
            : null,
        ToolCallId = NullIfEmpty(message.ToolCallId),
        ReasoningContent = NullIfEmpty(message.ReasoningContent),
    };

    private static ContentPart ToContentPart(Wire.ContentPart part) =>
        part.PartCase == Wire.ContentPart.PartOneofCase.ImageUrl
            ? new ContentPart { Type = "image_url", Url = part.ImageUrl }
            : new ContentPart { Type = "text", Text = part.Text };

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;
}
